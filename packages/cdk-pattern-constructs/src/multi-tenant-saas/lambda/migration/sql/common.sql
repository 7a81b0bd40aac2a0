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

-- Nothing is granted to PUBLIC in the public schema, and nobody but the owner creates
-- temporary tables (the tenant context below lives in one).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

-- Tenant context of a transaction. Row-level security policies compare each row's tenant_id
-- with control.current_tenant(), which only control.enter_tenant() can set: once per
-- transaction, in a temporary table owned by the migration user that the application roles
-- cannot write (ON COMMIT DELETE ROWS clears it when the transaction ends). A session setting
-- (set_config), RESET ROLE or SET ROLE cannot change it; calling enter_tenant() again in the same
-- transaction fails.
CREATE SCHEMA IF NOT EXISTS control;
REVOKE ALL ON SCHEMA control FROM PUBLIC;
GRANT USAGE ON SCHEMA control TO tenant_app;

CREATE OR REPLACE FUNCTION control.enter_tenant(p_tenant_id text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
  IF p_tenant_id IS NULL OR p_tenant_id !~ '^[a-z][a-z0-9-]{0,30}[a-z0-9]$' THEN
    RAISE EXCEPTION 'invalid tenant id: %', p_tenant_id;
  END IF;
  IF to_regclass('pg_temp.transaction_tenant') IS NULL THEN
    CREATE TEMPORARY TABLE transaction_tenant (tenant_id text NOT NULL) ON COMMIT DELETE ROWS;
  END IF;
  IF (SELECT c.relowner FROM pg_class c WHERE c.oid = to_regclass('pg_temp.transaction_tenant'))
     <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN
    RAISE EXCEPTION 'tenant context table is not owned by %', current_user;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_temp.transaction_tenant) THEN
    RAISE EXCEPTION 'the tenant of this transaction is already set';
  END IF;
  INSERT INTO pg_temp.transaction_tenant (tenant_id) VALUES (p_tenant_id);
END
$fn$;

CREATE OR REPLACE FUNCTION control.current_tenant()
RETURNS text
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
  v_table regclass := to_regclass('pg_temp.transaction_tenant');
  v_tenant text;
BEGIN
  IF v_table IS NULL OR (SELECT c.relowner FROM pg_class c WHERE c.oid = v_table)
     <> (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN
    RETURN NULL;
  END IF;
  SELECT tenant_id INTO v_tenant FROM pg_temp.transaction_tenant;
  RETURN v_tenant;
END
$fn$;

REVOKE ALL ON FUNCTION control.enter_tenant(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION control.current_tenant() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION control.enter_tenant(text) TO tenant_app;
GRANT EXECUTE ON FUNCTION control.current_tenant() TO tenant_app;
