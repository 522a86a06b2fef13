// Used JVM heap of the benchmark Neo4j (bytes), sampled during import phases (benchmarks/import_scale.py).
CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes
RETURN attributes.HeapMemoryUsage.value.properties.used AS used
