# syntax=docker/dockerfile:1
# Multi-stage image of Promesse: the API bundle serving the built web app. The database is external
# (MONGODB_URI, see docker-compose.yml); the embedded engine is for local development and tests.

# ---- build: all dependencies, web build, API bundle ----------------------------------------------------------
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY embedded-mongo/package.json embedded-mongo/
COPY api/package.json api/
COPY web/package.json web/
COPY tests/package.json tests/
# Lifecycle scripts need sources that are not copied yet (web codegen runs again before its build).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

# ---- runtime: production dependencies only -----------------------------------------------------------------
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY shared/package.json shared/
COPY embedded-mongo/package.json embedded-mongo/
COPY api/package.json api/
COPY web/package.json web/
COPY tests/package.json tests/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/api/dist api/dist
COPY --from=build /app/web/dist web/dist
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--enable-source-maps", "api/dist/server.mjs"]
