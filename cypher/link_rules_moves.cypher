// The stored account and recorded former account (moved_from, issue 17) of each contact a bundle lists,
// for the cross-account link rules: a row linking a moved person to their former account is one the
// move ends, not a link across accounts.
UNWIND $contacts AS id
MATCH (c:Contact {id: id})-[:WORKS_AT]->(a:Account)
RETURN id, a.id AS account, c.moved_from AS moved_from
