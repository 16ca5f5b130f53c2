-- The GS1-Conformant Resolver standard lets a link carry a context (typically a geography or jurisdiction in
-- which it applies) that a request's ?context= is matched against, as its hreflang is against Accept-Language.
alter table resolver_links add column context text;

alter table resolver_links add constraint resolver_links_context_ck check (context ~ '^[A-Za-z0-9_-]{1,64}$');
