package io.dppmint.platform.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for processes that must be told their port up front (so that their
 * URLs are known before they start).
 */
public final class LoopbackPorts {

	private LoopbackPorts() {
	}

	/**
	 * {@code count} free loopback ports, all held open together so that they differ.
	 * @param count how many
	 * @return the ports
	 */
	public static int[] free(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Nothing to do.
				}
			}
		}
	}

	/** Whether something already listens on {@code port} on loopback. */
	public static boolean inUse(int port) {
		try {
			new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
