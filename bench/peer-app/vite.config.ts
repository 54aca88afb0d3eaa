// Built with the console's own build settings (web/vite.config.ts), so the two differ only in the app.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { build, moduleSizes, precompress } from '../../web/vite.config.ts';

export default defineConfig({
  plugins: [react(), precompress(), moduleSizes()],
  build,
});
