-- POOL model: one shared schema; every row carries tenant_id and row-level
-- security restricts each transaction to the tenant entered with control.enter_tenant()
-- (by the API, from the caller's JWT, never from request input).
CREATE SCHEMA IF NOT EXISTS app;
REVOKE ALL ON SCHEMA app FROM PUBLIC;

CREATE TABLE IF NOT EXISTS app.items (
  tenant_id  text        NOT NULL CHECK (tenant_id ~ '^[a-z][a-z0-9-]{0,30}[a-z0-9]$'),
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  name       text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  attributes jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Row-level security: FORCE makes it apply to the table owner too.
ALTER TABLE app.items ENABLE ROW LEVEL SECURITY;
ALTER TABLE app.items FORCE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS tenant_isolation ON app.items;
CREATE POLICY tenant_isolation ON app.items
  FOR ALL
  TO PUBLIC
  USING (tenant_id = (SELECT control.current_tenant()))
  WITH CHECK (tenant_id = (SELECT control.current_tenant()));

GRANT USAGE ON SCHEMA app TO tenant_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON app.items TO tenant_app;
