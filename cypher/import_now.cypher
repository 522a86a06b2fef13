// The database's clock (transaction start times are compared with it).
RETURN datetime() AS now
