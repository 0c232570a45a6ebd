-- Exchange rates an admin enters (issue 23): how much one unit of a
-- currency is worth in the home currency (base) from a day on. A rate is
-- in force from its effective day until the next one of the same
-- currency; rates entered for another home currency stay but are not used
-- until that currency is the home one again. The rate is kept as typed
-- (a decimal string) so that 0.00074 stays exact.
CREATE TABLE currency_rates (
    id           TEXT PRIMARY KEY,
    base         TEXT NOT NULL,
    currency     TEXT NOT NULL,
    effective_on TEXT NOT NULL, -- YYYY-MM-DD
    rate         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (base, currency, effective_on)
);
