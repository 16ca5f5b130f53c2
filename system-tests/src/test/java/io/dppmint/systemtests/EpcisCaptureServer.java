package io.dppmint.systemtests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A brand's EPCIS repository on loopback, as small as the EPCIS 2.0 REST bindings allow:
 * {@code POST /capture} answered {@code 202} with a capture job that has already
 * succeeded. It keeps every document it captured.
 */
final class EpcisCaptureServer implements AutoCloseable {

	private final HttpServer server;

	final List<String> documents = new CopyOnWriteArrayList<>();

	EpcisCaptureServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/capture", this::handle);
		this.server.start();
	}

	String captureUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/capture";
	}

	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		if ("POST".equals(method)) {
			this.documents.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.getResponseHeaders().add("Location", "/capture/" + this.documents.size());
			respond(exchange, 202, "");
		}
		else if ("GET".equals(method)) {
			String id = exchange.getRequestURI().getPath().substring("/capture/".length());
			respond(exchange, 200, "{\"captureID\":\"" + id + "\",\"running\":false,\"success\":true}");
		}
		else {
			respond(exchange, 405, "");
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
