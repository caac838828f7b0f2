package io.airlock.store.jdbc;

import java.util.List;
import java.util.Locale;

/**
 * The SQL that differs between databases, and nothing else: the column types of the DDL, how to take the
 * first rows of a query, and whether due rows can be claimed in one statement that skips rows other relays
 * hold ({@code FOR UPDATE SKIP LOCKED}). {@link JdbcIntentStore} writes the rest once.
 */
public enum Dialect {

    /**
     * Text as {@code VARCHAR} (up to 10⁹ characters in H2 2), not {@code CLOB}: H2 copies every CLOB a query
     * returns into its LOB storage and keeps the copy for the session's {@code LOB_TIMEOUT} (5 minutes), so a
     * relay draining a backlog kept every payload it had read alive that long.
     */
    H2("VARCHAR", "BIGINT", false),
    /** Claims with {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING}. */
    POSTGRESQL("TEXT", "BIGINT", true),
    MYSQL("LONGTEXT", "BIGINT", false),
    ORACLE("CLOB", "NUMBER(19)", false),
    /** Standard SQL: any other database that has {@code FETCH FIRST n ROWS ONLY}. */
    GENERIC("CLOB", "BIGINT", false);

    private final String text;
    private final String bigint;
    private final boolean claimsInOneStatement;

    Dialect(String text, String bigint, boolean claimsInOneStatement) {
        this.text = text;
        this.bigint = bigint;
        this.claimsInOneStatement = claimsInOneStatement;
    }

    /** The dialect for a database product name as JDBC reports it ({@code DatabaseMetaData.getDatabaseProductName}). */
    public static Dialect forProduct(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return H2;
        }
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.contains("oracle")) {
            return ORACLE;
        }
        return GENERIC;
    }

    /** Whether due rows are claimed by one statement that skips the rows other relays hold. */
    public boolean claimsInOneStatement() {
        return claimsInOneStatement;
    }

    /** The statements that create the intent table, its index and its version table. */
    public List<String> createTable(String table) {
        return List.of(
                "CREATE TABLE " + table + " ("
                        + "ID VARCHAR(64) NOT NULL PRIMARY KEY, "
                        + "NAME VARCHAR(200) NOT NULL, "
                        + "EXECUTOR VARCHAR(200) NOT NULL, "
                        + "PAYLOAD " + text + " NOT NULL, "
                        + "STATE VARCHAR(16) NOT NULL, "
                        + "ATTEMPTS INTEGER NOT NULL, "
                        + "MAX_RETRIES INTEGER NOT NULL, "
                        + "CREATED_AT " + bigint + " NOT NULL, "
                        + "NEXT_ATTEMPT_AT " + bigint + " NOT NULL, "
                        + "LEASE_OWNER VARCHAR(200), "
                        + "LEASE_UNTIL " + bigint + ", "
                        + "COMPLETED_AT " + bigint + ", "
                        + "HISTORY " + text + ")",
                "CREATE INDEX " + table + "_DUE ON " + table + " (STATE, NEXT_ATTEMPT_AT)",
                "CREATE TABLE " + table + "_VERSION (VERSION INTEGER NOT NULL)",
                "INSERT INTO " + table + "_VERSION (VERSION) VALUES (" + JdbcIntentStore.SCHEMA_VERSION + ")");
    }

    /** {@code select} limited to its first {@code ?} rows (the limit is the query's last parameter). */
    public String firstRows(String select) {
        return this == MYSQL || this == POSTGRESQL || this == H2 ? select + " LIMIT ?" : select + " FETCH FIRST ? ROWS ONLY";
    }

    /** {@code select} from row {@code ?} (0-based), its first {@code ?} rows (offset, then limit, the query's last parameters). */
    public String page(String select) {
        return this == MYSQL || this == POSTGRESQL || this == H2 ? select + " LIMIT ? OFFSET ?"
                : select + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
    }

    /** Whether {@link #page} takes the limit before the offset. */
    boolean limitFirst() {
        return this == MYSQL || this == POSTGRESQL || this == H2;
    }
}
