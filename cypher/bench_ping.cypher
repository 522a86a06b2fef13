// Benchmark: the cheapest query there is, to measure the fixed cost of one round trip through the driver.
RETURN 1 AS one
