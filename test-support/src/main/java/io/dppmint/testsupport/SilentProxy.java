package io.dppmint.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy to PostgreSQL that can go silent: it keeps every connection open but stops
 * forwarding, as a NAT that forgot a connection does. New connections made while silent
 * are refused. Shared by the tests of every LISTEN loop (the core's
 * {@code PostgresListener}, the resolver's revocation feed).
 */
public final class SilentProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String host;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean silent;

	/**
	 * Start forwarding to a server.
	 * @param host its host
	 * @param port its port
	 * @throws IOException if the proxy cannot listen
	 */
	public SilentProxy(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::accept);
	}

	/** The port the proxy listens on (loopback). */
	public int port() {
		return this.server.getLocalPort();
	}

	/** Stop forwarding anything, on open connections too; refuse new ones. */
	public void goSilent() {
		this.silent = true;
	}

	/** Forward again, and accept new connections. */
	public void speakAgain() {
		this.silent = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.silent) {
					client.close();
					continue;
				}
				Socket upstream = new Socket(this.host, this.port);
				this.sockets.add(client);
				this.sockets.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				while (this.silent) {
					// Swallow everything from now on, as a dead path does.
					Thread.sleep(50);
					if (from.isClosed()) {
						return;
					}
					read = 0;
				}
				if (read > 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			// The connection ended.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
