// Had the history begun by $until (issue 17)? Before the first recorded ContactState nothing is known of the
// past, so a map of such a day reads the live graph (flagged before_history). Uses contact_state_at.
RETURN EXISTS { MATCH (s:ContactState) WHERE s.at < $until } AS started
