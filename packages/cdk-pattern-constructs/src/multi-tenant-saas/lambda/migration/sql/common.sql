-- Shared by every isolation model. Idempotent: safe to run on every deployment.
--
-- tenant_app is the only role application code runs as (the Lambda does
-- `SET LOCAL ROLE tenant_app` inside every transaction). It cannot log in,
-- does not own any table and has NOBYPASSRLS, so row-level security always applies.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_app') THEN
    CREATE ROLE tenant_app NOLOGIN NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;

-- Let the migration/master user switch to tenant_app (SET ROLE).
GRANT tenant_app TO CURRENT_USER;

-- Nothing is granted to PUBLIC in the public schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
