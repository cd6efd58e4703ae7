package io.sessionengines.engine.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names Django's schema editor gives the indexes it creates
 * ({@code BaseDatabaseSchemaEditor._create_index_name}), so that a session table created
 * here is the table Django's migration would have created: the table's and the column's
 * names, each followed by an underscore, then the first 8 hexadecimal digits of the MD5
 * of the table and column names and a suffix, such as
 * {@code django_session_expire_date_a5c62663}; a name longer than the database allows is
 * shortened as Django shortens it.
 *
 * @author Session Engines contributors
 */
final class DjangoIndexNames {

	private DjangoIndexNames() {
	}

	/**
	 * Return the name Django gives the index of one column.
	 * @param table the table name, optionally qualified by a schema, which (as Django's
	 * {@code split_identifier}) does not count
	 * @param column the column name
	 * @param suffix what follows the digest, such as {@code _like}, or {@code ""}
	 * @param maxLength the longest name the database allows (Django's
	 * {@code max_name_length()}, or 200 when it has no limit)
	 * @return the index name
	 */
	static String indexName(String table, String column, String suffix, int maxLength) {
		String tableName = table.substring(table.lastIndexOf('.') + 1);
		String hashSuffix = digest(tableName + column) + suffix;
		String name = tableName + "_" + column + "_" + hashSuffix;
		if (name.length() <= maxLength) {
			return name;
		}
		if (hashSuffix.length() > maxLength / 3.0) {
			hashSuffix = hashSuffix.substring(0, maxLength / 3);
		}
		int otherLength = (maxLength - hashSuffix.length()) / 2 - 1;
		name = prefix(tableName, otherLength) + "_" + prefix(column, otherLength) + "_" + hashSuffix;
		// no name may start with an underscore or a digit on some databases (Oracle)
		char first = name.charAt(0);
		return (first == '_' || Character.isDigit(first)) ? "D" + name.substring(0, name.length() - 1) : name;
	}

	private static String prefix(String name, int length) {
		return name.substring(0, Math.min(length, name.length()));
	}

	/**
	 * Django's {@code names_digest(..., length=8)}.
	 */
	private static String digest(String names) {
		try {
			byte[] md5 = MessageDigest.getInstance("MD5").digest(names.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(md5, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

}
