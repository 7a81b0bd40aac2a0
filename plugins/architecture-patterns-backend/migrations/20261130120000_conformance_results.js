// @ts-check

/**
 * The latest conformance verdict per entity and pattern.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('conformance_results', table => {
    table.comment('Latest conformance verdict of one entity on one pattern');
    table.string('entity_ref').notNullable();
    table.string('pattern_ref').notNullable();
    table.string('status', 32).notNullable();
    table.text('failing_rules').notNullable().comment('JSON array of rule ids');
    table.text('reason').nullable();
    table.string('commit', 64).nullable();
    table.string('source', 16).notNullable();
    table.string('checked_at', 32).notNullable().comment('ISO 8601');
    table
      .bigInteger('updated_at_ms')
      .notNullable()
      .comment('When the row last changed, for incremental reads');
    table.primary(['entity_ref', 'pattern_ref']);
    table.index(['updated_at_ms'], 'conformance_results_updated_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('conformance_results');
};
