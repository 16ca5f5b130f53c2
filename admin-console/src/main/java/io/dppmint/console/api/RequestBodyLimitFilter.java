package io.dppmint.console.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies: a declared {@code Content-Length} above the limit is answered 413
 * before anything is read; a chunked body is cut off when it passes the limit, which
 * {@link ApiExceptionHandler} answers 413 as well. Nothing is changed either way. Every
 * request is capped, whatever its path: deciding by path let an encoded path
 * ({@code /%61pi/...}, which the servlet container decodes to {@code /api/...}) through
 * uncapped, and no page of the console takes a body anywhere near the limit.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	public RequestBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit) {
			Problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request body has "
					+ request.getContentLengthLong() + " bytes; the API accepts at most " + this.limit);
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.limit), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int read = this.delegate.read();
			if (read >= 0) {
				counted(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int bytes) throws PayloadTooLargeException {
			this.count += bytes;
			if (this.count > this.limit) {
				throw new PayloadTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
