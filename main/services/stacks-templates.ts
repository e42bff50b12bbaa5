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
};
