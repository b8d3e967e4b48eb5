// The one entry point for GraphQL documents: `graphql(\`query ...\`)` returns a typed document node.
export { graphql } from './__generated__/gql';
export type * from './__generated__/graphql';
