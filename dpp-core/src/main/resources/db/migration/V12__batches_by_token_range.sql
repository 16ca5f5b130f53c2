-- Token pages in the console walk a brand's batches in the order of their token ranges (the ranges
-- are disjoint, so that is the order of token numbers) and stop as soon as a page is full; this
-- index makes each step an index range scan. Operators (every brand) use the unique index on
-- first_token_id.
create index mint_batches_brand_first_token_ix on mint_batches (brand_id, first_token_id);
