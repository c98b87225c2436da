/**
 * Facts about the bundled template (templates/metaflow.yml) that the action checks before any AWS call.
 * The longest name it generates is the migration function's, `<StackName>-migrate-db`, and Lambda allows 64
 * characters, so the stack name may have at most 64 - "-migrate-db".length characters.
 */
export const BUNDLED_TEMPLATE_PATH = 'templates/metaflow.yml'
export const BUNDLED_MAX_STACK_NAME = 64 - '-migrate-db'.length
