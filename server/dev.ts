import { spawn } from "node:child_process";

/** `npm run dev`: the API server (restarts on change) and Vite (hot reload) together. */
const apiPort = process.env.DEV_API_PORT ?? "3001";
const children = [
  spawn("node", ["--import", "tsx", "--watch", "server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort, CLIENT_DIR: "" },
  }),
  spawn("npx", ["vite", "--config", "client/vite.config.ts", "--port", process.env.PORT ?? "3000"], {
    stdio: "inherit",
    env: { ...process.env, DEV_API_PORT: apiPort },
  }),
];
const stopAll = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
for (const child of children) child.on("exit", stopAll);
