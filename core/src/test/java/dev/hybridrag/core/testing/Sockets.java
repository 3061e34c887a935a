package dev.hybridrag.core.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** What tests of the HTTP walls ask of a raw client socket. */
public final class Sockets {

    private Sockets() {}

    /**
     * True when the server closed the socket: a read gives end of stream or fails. Waits {@code waitMillis} for a
     * byte; a socket still open and silent by then is not closed.
     */
    public static boolean closedByServer(Socket socket, int waitMillis) {
        try {
            socket.setSoTimeout(waitMillis);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
