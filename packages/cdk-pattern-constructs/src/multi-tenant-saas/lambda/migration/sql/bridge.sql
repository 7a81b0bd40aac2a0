-- BRIDGE model: one database, one schema per tenant (t_<tenant id>), created by
-- control.provision_tenant(). Each tenant table ALSO carries tenant_id and has a
-- row-level security policy, so a wrong search_path can never expose another
-- tenant's rows (defence in depth).
CREATE SCHEMA IF NOT EXISTS control;
REVOKE ALL ON SCHEMA control FROM PUBLIC;

CREATE TABLE IF NOT EXISTS control.tenants (
  tenant_id   text        PRIMARY KEY CHECK (tenant_id ~ '^[a-z][a-z0-9-]{0,30}[a-z0-9]$'),
  schema_name text        NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION control.provision_tenant(p_tenant_id text)
RETURNS text
LANGUAGE plpgsql
SECURITY INVOKER
SET search_path = pg_catalog
AS $fn$
DECLARE
  v_schema text;
BEGIN
  IF p_tenant_id IS NULL OR p_tenant_id !~ '^[a-z][a-z0-9-]{0,30}[a-z0-9]$' THEN
    RAISE EXCEPTION 'invalid tenant id: %', p_tenant_id;
  END IF;
  v_schema := 't_' || replace(p_tenant_id, '-', '_');

  EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I', v_schema);
  EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', v_schema);
  EXECUTE format(
    'CREATE TABLE IF NOT EXISTS %I.items (
       tenant_id  text        NOT NULL DEFAULT %L CHECK (tenant_id = %L),
       id         uuid        NOT NULL DEFAULT gen_random_uuid(),
       name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
       attributes jsonb       NOT NULL DEFAULT ''{}''::jsonb,
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (tenant_id, id)
     )', v_schema, p_tenant_id, p_tenant_id);

  -- Row-level security on every tenant table.
  EXECUTE format('ALTER TABLE %I.items ENABLE ROW LEVEL SECURITY', v_schema);
  EXECUTE format('ALTER TABLE %I.items FORCE ROW LEVEL SECURITY', v_schema);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I.items', v_schema);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %I.items FOR ALL TO PUBLIC
       USING (tenant_id = (SELECT control.current_tenant()))
       WITH CHECK (tenant_id = (SELECT control.current_tenant()))', v_schema);

  EXECUTE format('GRANT USAGE ON SCHEMA %I TO tenant_app', v_schema);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.items TO tenant_app', v_schema);

  INSERT INTO control.tenants (tenant_id, schema_name)
  VALUES (p_tenant_id, v_schema)
  ON CONFLICT (tenant_id) DO NOTHING;
  RETURN v_schema;
END
$fn$;

REVOKE ALL ON FUNCTION control.provision_tenant(text) FROM PUBLIC;
