import type { StackTemplate } from '../../preload/contract/stacks';

/** What "New stack" writes. Plain text, so the comments are there for the user to read and keep. */
export const STACK_TEMPLATE_TEXT: Record<StackTemplate, string> = {
  empty: `# A compose file: one entry under \`services:\` per container.
# Reference: https://docs.docker.com/reference/compose-file/
services: {}
`,
  'web-db': `# A web server and a database. The web service starts only once the database reports healthy,
# and the database keeps its data in a named volume that survives \`down\` (but not \`down --volumes\`).
services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"
    depends_on:
      db:
        condition: service_healthy
    restart: unless-stopped

  db:
    image: postgres:16-alpine
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-change-me}
    volumes:
      - db-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U postgres"]
      interval: 5s
      timeout: 3s
      retries: 10
    restart: unless-stopped

volumes:
  db-data:
`,
  'dev-watch': `# A site under development that compose watch keeps in sync with its source (compose v2.22+: the
# Watch toggle on the stack page runs \`compose watch\`). Edits under ./site are copied into the running container
# (action: sync), so a reload shows them; a change to the Dockerfile rebuilds the image and recreates the container
# (action: rebuild).
services:
  web:
    build: .
    ports:
      - "8080:80"
    develop:
      watch:
        - action: sync
          path: ./site
          target: /usr/share/nginx/html
        - action: rebuild
          path: Dockerfile
`,
};

/** Files a template's services need beside the compose file (written only where the folder has none). */
export const STACK_TEMPLATE_FILES: Partial<Record<StackTemplate, Record<string, string>>> = {
  'dev-watch': {
    Dockerfile: `# The image compose watch rebuilds when this file changes.
FROM nginx:alpine
COPY site/ /usr/share/nginx/html/
`,
    'site/index.html': `<!doctype html>
<title>compose watch</title>
<h1>Edit site/index.html and reload: compose watch copied it in.</h1>
`,
  },
};
