import type { GraphQLExtension } from 'payload'

// The `graphql` module Payload hands its extensions (no import of `graphql` of our own).
type GraphQLModule = Parameters<GraphQLExtension>[0]
type GraphQLObjectType = InstanceType<GraphQLModule['GraphQLObjectType']>

/**
 * Number fields of the plugin's collections that always hold whole numbers: pixels, bytes, the
 * seed (0 to 2^31 − 1, so within GraphQL's 32-bit `Int`), attempt counters and a variation's place
 * and count in its batch.
 */
export const INTEGER_FIELD_NAMES = [
  'attempts',
  'batchIndex',
  'batchSize',
  'filesize',
  'height',
  'pollCount',
  'seed',
  'width',
] as const

/**
 * Gives the whole-number fields of the plugin's collections the GraphQL type `Int` instead of the
 * `Float` Payload gives every `number` field (`@payloadcms/graphql` has no per-field type option
 * in 3.x), so generated clients type them as integers. Walks each given object type and the
 * object types nested in it (the image `sizes` groups, the `imageSizes` list), never into another collection's type (a
 * populated relationship). Output types only: filters keep Payload's `Float` operators, which
 * accept integer literals (https://spec.graphql.org/October2021/#sec-Float.Input-Coercion).
 *
 * Call it from a `graphQL.queries` or `mutations` extension, which Payload runs once the
 * collections' types are built; the types' field maps are rewritten in place. REST is unchanged.
 */
export const setIntegerTypes = ({
  GraphQL,
  collectionTypes,
  types,
}: {
  GraphQL: GraphQLModule
  /** Every collection's GraphQL type, not descended into. */
  collectionTypes: GraphQLObjectType[]
  /** The plugin's collection types to rewrite. */
  types: GraphQLObjectType[]
}): void => {
  const seen = new Set<GraphQLObjectType>(collectionTypes)
  const visit = (type: GraphQLObjectType) => {
    for (const field of Object.values(type.getFields())) {
      const wrapped = GraphQL.isNonNullType(field.type)
      const inner = GraphQL.getNullableType(field.type)
      if ((INTEGER_FIELD_NAMES as readonly string[]).includes(field.name) && inner === GraphQL.GraphQLFloat) {
        field.type = wrapped ? new GraphQL.GraphQLNonNull(GraphQL.GraphQLInt) : GraphQL.GraphQLInt
      } else {
        // Into groups and lists of objects alike (`sizes`, the `imageSizes` renditions).
        const named = GraphQL.getNamedType(field.type)
        if (GraphQL.isObjectType(named) && !seen.has(named)) {
          seen.add(named)
          visit(named)
        }
      }
    }
  }
  for (const type of types) visit(type)
}
