// Benchmark only (import tuning): drop the name-search fulltext index to measure what it costs at commit.
DROP INDEX entity_names IF EXISTS
