# syntax=docker/dockerfile:1
# kratom-guide: the Discord bot. Build: docker build -t kratom-guide .
# Run:   docker run --init --env-file .env -v kratom-data:/app/data kratom-guide
# (or docker compose up -d: see docker-compose.yml). --init reaps zombies and forwards signals;
# the bot also handles SIGTERM/SIGINT itself.

# --- build: every dependency, compile TypeScript to dist/, then drop the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3 is native: npm ci fetches its prebuilt binary for this Node and platform.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && mkdir -p data

# --- runtime: production dependencies (built above, same base image), compiled code, the corpus ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY corpus ./corpus
# The trained models and the rules kept as data (training data stays out: it is only for `npm run train`).
COPY models ./models
COPY rules ./rules
# The SQLite database (server settings and counts) lives here: keep it on a volume.
COPY --from=build --chown=node:node /app/data ./data
VOLUME /app/data
# The official image's unprivileged user.
USER node
# Exec form: node itself receives SIGTERM from `docker stop`.
CMD ["node", "dist/discord/main.js"]
