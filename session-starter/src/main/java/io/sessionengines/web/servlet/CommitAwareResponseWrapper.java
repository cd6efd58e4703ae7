package io.sessionengines.web.servlet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.util.function.IntConsumer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A response that runs a callback whenever the response is about to be committed, so that
 * the session can still be saved and its cookie set when the application commits early: a
 * flush, a body larger than the buffer, a body that reaches its declared length, a
 * redirect or an error.
 *
 * @author Session Engines contributors
 */
final class CommitAwareResponseWrapper extends HttpServletResponseWrapper {

	private final IntConsumer beforeCommit;

	private long contentLength = -1;

	private long bytesWritten;

	private @Nullable ServletOutputStream outputStream;

	private @Nullable PrintWriter writer;

	/**
	 * Create a wrapper.
	 * @param response the response
	 * @param beforeCommit called with the response status whenever the response is about
	 * to commit
	 */
	CommitAwareResponseWrapper(HttpServletResponse response, IntConsumer beforeCommit) {
		super(response);
		this.beforeCommit = beforeCommit;
	}

	/**
	 * Run the callback with the given status: the response is about to commit.
	 * @param status the status the response will have
	 */
	void beforeCommit(int status) {
		this.beforeCommit.accept(status);
	}

	@Override
	public void sendError(int sc) throws IOException {
		beforeCommit(sc);
		super.sendError(sc);
	}

	@Override
	public void sendError(int sc, String msg) throws IOException {
		beforeCommit(sc);
		super.sendError(sc, msg);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		beforeCommit(SC_FOUND);
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		beforeCommit(SC_FOUND);
		super.sendRedirect(location, clearBuffer);
	}

	@Override
	public void sendRedirect(String location, int sc) throws IOException {
		beforeCommit(sc);
		super.sendRedirect(location, sc);
	}

	@Override
	public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
		beforeCommit(sc);
		super.sendRedirect(location, sc, clearBuffer);
	}

	@Override
	public void flushBuffer() throws IOException {
		beforeCommit(getStatus());
		super.flushBuffer();
	}

	@Override
	public void setContentLength(int len) {
		setContentLengthLong(len);
	}

	@Override
	public void setContentLengthLong(long len) {
		this.contentLength = len;
		super.setContentLengthLong(len);
	}

	@Override
	public void setHeader(String name, @Nullable String value) {
		trackContentLength(name, value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, @Nullable String value) {
		trackContentLength(name, value);
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		trackContentLength(name, String.valueOf(value));
		super.setIntHeader(name, value);
	}

	@Override
	public void addIntHeader(String name, int value) {
		trackContentLength(name, String.valueOf(value));
		super.addIntHeader(name, value);
	}

	@Override
	public void reset() {
		super.reset();
		this.contentLength = -1;
		this.bytesWritten = 0;
	}

	@Override
	public void resetBuffer() {
		super.resetBuffer();
		this.bytesWritten = 0;
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.outputStream == null) {
			this.outputStream = new CommitAwareOutputStream(super.getOutputStream());
		}
		return this.outputStream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		if (this.writer == null) {
			this.writer = new CommitAwarePrintWriter(super.getWriter());
		}
		return this.writer;
	}

	private void trackContentLength(String name, @Nullable String value) {
		if (HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name) && value != null) {
			try {
				this.contentLength = Long.parseLong(value.trim());
			}
			catch (NumberFormatException ex) {
				// not a length the container can act on either
			}
		}
	}

	/**
	 * Count bytes about to be written, and run the callback first when they would fill
	 * the buffer or complete the declared content length, since either commits the
	 * response.
	 * @param count the number of bytes
	 */
	private void aboutToWrite(long count) {
		long total = this.bytesWritten + count;
		if (total >= getBufferSize() || (this.contentLength >= 0 && total >= this.contentLength)) {
			beforeCommit(getStatus());
		}
		this.bytesWritten = total;
	}

	private static long utf8Length(CharSequence chars, int offset, int length) {
		long bytes = 0;
		for (int i = offset; i < offset + length; i++) {
			char c = chars.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

	private final class CommitAwareOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		CommitAwareOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			aboutToWrite(1);
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			aboutToWrite(len);
			this.delegate.write(b, off, len);
		}

		@Override
		public void write(ByteBuffer buffer) throws IOException {
			aboutToWrite(buffer.remaining());
			this.delegate.write(buffer);
		}

		@Override
		public void flush() throws IOException {
			beforeCommit(getStatus());
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			beforeCommit(getStatus());
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener writeListener) {
			this.delegate.setWriteListener(writeListener);
		}

	}

	private final class CommitAwarePrintWriter extends PrintWriter {

		CommitAwarePrintWriter(PrintWriter delegate) {
			super(delegate);
		}

		@Override
		public void write(int c) {
			aboutToWrite(utf8Length(String.valueOf((char) c), 0, 1));
			super.write(c);
		}

		@Override
		public void write(char[] buf, int off, int len) {
			aboutToWrite(utf8Length(CharBuffer.wrap(buf), off, len));
			super.write(buf, off, len);
		}

		@Override
		public void write(String s, int off, int len) {
			aboutToWrite(utf8Length(s, off, len));
			super.write(s, off, len);
		}

		@Override
		public void println() {
			aboutToWrite(System.lineSeparator().length());
			super.println();
		}

		@Override
		public void flush() {
			beforeCommit(getStatus());
			super.flush();
		}

		@Override
		public void close() {
			beforeCommit(getStatus());
			super.close();
		}

	}

}
