// `import wasmUrl from "motcua/motcua_bg.wasm"`: the URL of the package's WebAssembly module,
// as bundler asset loaders give it (esbuild `--loader:.wasm=file`, webpack `asset/resource`;
// Vite: "motcua/motcua_bg.wasm?url"), to pass to `init({ module_or_path: wasmUrl })`.
declare const wasmUrl: string;
export default wasmUrl;
