-- One login role per service, owning its own schema and reaching no other (run as an administrator in the
-- ugov database; idempotent, and safe to run from several processes at once). Used by scripts/db.sh and by
-- the e2e database setup (libs/testing/src/test-database.ts). Passwords are not set here: on a server that
-- asks for them, set them with ALTER ROLE ugov_<service> PASSWORD '…' and give each service its URL.
SET client_min_messages = warning;
DO $roles$
DECLARE
  service text;
  role_name text;
  object record;
BEGIN
  -- Runs of this script on one database take turns (concurrent GRANTs on one database row would fail).
  PERFORM pg_advisory_xact_lock(hashtext('ugov.service-roles'));
  FOREACH service IN ARRAY ARRAY['intake', 'dispatch', 'processing', 'publication', 'supervision'] LOOP
    role_name := 'ugov_' || service;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', role_name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another session created it at the same moment
      END;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), role_name);
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, role_name);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, role_name);
    -- A database whose services connected as one shared role before: hand the schema's objects to its service.
    FOR object IN
      SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = service AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         AND pg_get_userbyid(c.relowner) <> role_name
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
      EXECUTE format('ALTER %s %I.%I OWNER TO %I',
        CASE object.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                            WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
        service, object.relname, role_name);
    END LOOP;
    FOR object IN
      SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = service AND pg_get_userbyid(p.proowner) <> role_name
    LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.signature, role_name);
    END LOOP;
  END LOOP;
END
$roles$;
