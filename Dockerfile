# syntax=docker/dockerfile:1
# kratom-guide: the Discord bot. Build: docker build -t kratom-guide .
# Run:   docker run --init --env-file .env kratom-guide
# (--init reaps zombies and forwards signals; the bot also handles SIGTERM/SIGINT itself.)

# --- build: every dependency, then compile TypeScript to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies only, compiled code and the corpus, no secrets ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY corpus ./corpus
# The trained models and the rules kept as data (training data stays out: it is only for `npm run train`).
COPY models ./models
COPY rules ./rules
# The official image's unprivileged user.
USER node
# Exec form: node itself receives SIGTERM from `docker stop`.
CMD ["node", "dist/discord/main.js"]
