// Placeholder for contract fields the web app queries before their module lands: none left (notifications landed).
// Safe to delete together with its import in schema.ts.
export {};
