-- The passport shows a registered batch's EU DPP registration identifier (ESPR Art. 13(5)) to authorities
-- (customs check it against the commodity code): the resolver reads it, and nothing else of the registration.
grant select (batch_id, state, registration_identifier) on registry_registrations to dpp_resolver;
