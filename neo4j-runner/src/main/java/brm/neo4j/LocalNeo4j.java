package brm.neo4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Embedded Neo4j Community with the Bolt connector on loopback, so that machines
 * without a Docker engine run the same engine as the neo4j:5.26 image.
 *
 * Settings come from a neo4j.conf that the Python runner writes (brm.home, brm.conf);
 * the password from the NEO4J_PASSWORD environment variable, so it never shows in ps.
 * Prints BRM_NEO4J_READY once Bolt accepts connections; shuts down cleanly on SIGTERM.
 */
public final class LocalNeo4j {
    private LocalNeo4j() {}

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(required("brm.home"));
        String user = System.getenv().getOrDefault("NEO4J_USER", "neo4j");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("NEO4J_PASSWORD must be set and at least 8 characters long");
        }

        Path conf = Path.of(System.getProperty("brm.conf", home.resolve("neo4j.conf").toString()));
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("BRM_NEO4J_STOPPING");
            dbms.shutdown();
            System.out.println("BRM_NEO4J_STOPPED");
            stopped.countDown();
        }, "brm-neo4j-shutdown"));

        initialiseUser(dbms.database("system"), user, password);
        System.out.println("BRM_NEO4J_READY");
        System.out.flush();
        stopped.await();
    }

    /** Sets the password on first start only: a later start with another password must fail auth, not reset it. */
    private static void initialiseUser(GraphDatabaseService system, String user, String password) {
        Boolean changeRequired = null;
        try (Transaction tx = system.beginTx();
             Result rows = tx.execute("SHOW USERS YIELD user, passwordChangeRequired WHERE user = $user "
                     + "RETURN passwordChangeRequired", Map.of("user", user))) {
            if (rows.hasNext()) {
                changeRequired = (Boolean) rows.next().get("passwordChangeRequired");
            }
        }
        if (changeRequired == null) {
            system.executeTransactionally("CREATE USER " + quoteName(user)
                    + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            System.out.println("BRM_NEO4J_USER_CREATED " + user);
        } else if (changeRequired) {
            system.executeTransactionally("ALTER USER " + quoteName(user)
                    + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            System.out.println("BRM_NEO4J_PASSWORD_SET " + user);
        }
    }

    /** User names cannot be parameters in administration commands: quote them as identifiers. */
    private static String quoteName(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            fail("system property " + property + " is required");
        }
        return value;
    }

    private static void fail(String message) {
        System.err.println("BRM_NEO4J_FAILED " + message);
        System.exit(2);
    }
}
