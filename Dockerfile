# kb-bot's container image: build with the dev dependencies, run on a slim Node 20
# as the non-root `node` user, with the knowledge folder as a volume.
#   docker build -t kb-bot .
#   docker run -p 3000:3000 --env-file .env -v "$PWD/knowledge:/knowledge:ro" kb-bot
# NODE_IMAGE lets a registry mirror (or a local base image) stand in for node:20-slim.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
RUN node scripts/build.mjs && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    KB_KNOWLEDGE_DIR=/knowledge \
    KB_CACHE_DIR=/tmp/kb-cache
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY knowledge /knowledge
USER node
VOLUME /knowledge
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/kb-bot.js"]
CMD ["start"]
