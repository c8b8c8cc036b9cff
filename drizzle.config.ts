import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './storage/schema/index.ts',
  out: './storage/migrations',
});
