package io.sessionengines.engine.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that records every statement executed through it, so that tests
 * can assert how many round trips an operation costs. Each call to {@code execute},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} or
 * {@code executeBatch} counts as one statement. Thread-safe.
 *
 * @author Session Engines contributors
 */
public final class StatementCountingDataSource implements DataSource {

	private static final Set<String> EXECUTE_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch", "executeLargeBatch");

	private static final Set<String> PREPARE_METHODS = Set.of("prepareStatement", "prepareCall");

	private final DataSource target;

	private final List<String> statements = new ArrayList<>();

	/**
	 * Wrap a data source.
	 * @param target the data source that does the work
	 */
	public StatementCountingDataSource(DataSource target) {
		this.target = target;
	}

	/**
	 * Return the SQL of the statements executed since the last {@link #reset()}, in
	 * order.
	 * @return the statements
	 */
	public synchronized List<String> getStatements() {
		return List.copyOf(this.statements);
	}

	/**
	 * Return how many statements were executed since the last {@link #reset()}.
	 * @return the count
	 */
	public synchronized int getCount() {
		return this.statements.size();
	}

	/**
	 * Forget the statements recorded so far.
	 */
	public synchronized void reset() {
		this.statements.clear();
	}

	private synchronized void record(String sql) {
		this.statements.add(sql);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return countingConnection(this.target.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return countingConnection(this.target.getConnection(username, password));
	}

	private Connection countingConnection(Connection connection) {
		return proxy(Connection.class, connection, (proxy, method, args) -> {
			Object result = invoke(connection, method, args);
			if (result instanceof CallableStatement statement) {
				return countingStatement(CallableStatement.class, statement, (String) args[0]);
			}
			if (result instanceof PreparedStatement statement && PREPARE_METHODS.contains(method.getName())) {
				return countingStatement(PreparedStatement.class, statement, (String) args[0]);
			}
			if (result instanceof Statement statement && method.getName().equals("createStatement")) {
				return countingStatement(Statement.class, statement, null);
			}
			return result;
		});
	}

	private <S extends Statement> S countingStatement(Class<S> type, S statement, String preparedSql) {
		return proxy(type, statement, (proxy, method, args) -> {
			if (EXECUTE_METHODS.contains(method.getName())) {
				record((args != null && args.length > 0 && args[0] instanceof String sql) ? sql
						: String.valueOf(preparedSql));
			}
			return invoke(statement, method, args);
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(StatementCountingDataSource.class.getClassLoader(), new Class<?>[] { type },
				handler);
	}

	private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.target.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.target.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.target.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.target.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.target.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this) ? type.cast(this) : this.target.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || this.target.isWrapperFor(type);
	}

}
