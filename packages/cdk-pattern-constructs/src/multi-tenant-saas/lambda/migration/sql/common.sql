-- Shared by every isolation model. Idempotent: safe to run on every deployment.
--
-- tenant_app (NOLOGIN) holds the table privileges of application code. It owns no table and
-- has NOBYPASSRLS, so row-level security always applies to it.
--
-- tenant_api is the request handler's own LOGIN role (its password is set by the migration
-- from the handler's secret). It is a member of tenant_app (INHERIT), owns nothing, has
-- NOBYPASSRLS and is not a member of the master user: the handler never connects as the master
-- user, so `RESET ROLE` or `SET ROLE` cannot take a request outside row-level security.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_app') THEN
    CREATE ROLE tenant_app NOLOGIN NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_api') THEN
    CREATE ROLE tenant_api LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;
  END IF;
END
$$;

GRANT tenant_app TO tenant_api;

-- Nothing is granted to PUBLIC in the public schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
