/** The API's GraphQL endpoint (same origin; the Vite dev server proxies it). */
export const GRAPHQL_PATH = '/graphql';
