/**
 * The repositories of the held-out evaluation of suspect commits
 * (scripts/eval/suggest.ts). Weights and rules of src/core/git/rank.ts are
 * chosen on the "tune" half only; the README reports the "held-out" half.
 * The split was fixed before any held-out case was run, and is by repository
 * (not by case) so that a repository's habits (its release bot, its folder
 * names) cannot leak from one half into the other.
 *
 * None of them is kept in this project: `npm run eval:suggest -- --clone`
 * clones the missing ones (full history, no checkout) under --dir.
 */

export type Split = 'tune' | 'held-out';

export interface EvalRepo {
  /** owner/name on GitHub. */
  readonly name: string;
  readonly split: Split;
  /** The shape of history it stands for. */
  readonly shape: string;
}

export const EVAL_REPOS: readonly EvalRepo[] = [
  // Tuned on: the three the first version was measured (and tuned) on, and two more.
  { name: 'flutter/cocoon', split: 'tune', shape: 'service (CI backend, Dart), small' },
  { name: 'denoland/deno', split: 'tune', shape: 'runtime monorepo (crates, ext/), release commits' },
  { name: 'electron/electron', split: 'tune', shape: 'release trains, bot version bumps' },
  { name: 'withastro/astro', split: 'tune', shape: 'JS monorepo, changesets release bot' },
  { name: 'ethereum-optimism/optimism', split: 'tune', shape: 'services monorepo (Go, TS)' },
  // Held out in the first round (2026-12-07, 81 % top 3 against the baseline's 82 %), since then
  // seen and read case by case: tuning material now.
  { name: 'vitejs/vite', split: 'tune', shape: 'JS monorepo, release commits per package' },
  { name: 'renovatebot/renovate', split: 'tune', shape: 'bot-heavy (dependency bot), semantic-release tags' },
  { name: 'outline/outline', split: 'tune', shape: 'service (web app, server + client)' },
  { name: 'prettier/prettier', split: 'tune', shape: 'library / tool, release commits' },
  { name: 'colinhacks/zod', split: 'tune', shape: 'small library' },
  { name: 'axios/axios', split: 'tune', shape: 'small library, release bot' },
  // Held out in the second round (2026-12-07, 77 % top 3 against the baseline's 78 %, run twice: before
  // and after that round's rules), so seen: tuning material now.
  { name: 'babel/babel', split: 'tune', shape: 'JS monorepo (packages/), release trains' },
  { name: 'sveltejs/svelte', split: 'tune', shape: 'JS monorepo, changesets release bot' },
  { name: 'home-assistant/frontend', split: 'tune', shape: 'bot-heavy (translations, dependency bots), web app' },
  { name: 'vuejs/core', split: 'tune', shape: 'library monorepo, release commits' },
  { name: 'excalidraw/excalidraw', split: 'tune', shape: 'service-like web app, small' },
  { name: 'getredash/redash', split: 'tune', shape: 'service (Python server + web client)' },
  // Held out in the third round (2026-12-07, 78 % top 3 against the baseline's 83 %, run twice: before
  // and after that round's rules), so seen: tuning material now.
  { name: 'angular/angular-cli', split: 'tune', shape: 'tool monorepo (packages/), release trains, release commits' },
  { name: 'prometheus/prometheus', split: 'tune', shape: 'service (Go), release branches' },
  { name: 'getsentry/sentry-javascript', split: 'tune', shape: 'SDK monorepo (packages/), release commits' },
  { name: 'pnpm/pnpm', split: 'tune', shape: 'tool monorepo, changesets, bot-heavy' },
  { name: 'tailwindlabs/tailwindcss', split: 'tune', shape: 'library (TS + Rust)' },
  { name: 'cli/cli', split: 'tune', shape: 'CLI (Go), small' },
  { name: 'nuxt/nuxt', split: 'tune', shape: 'framework monorepo, renovate bot' },
  // Held out in the fourth round (2026-12-07, 76 % top 3 against the baseline's 73 %, run twice: before
  // and after that round's rule), so seen: tuning material now.
  { name: 'vectordotdev/vector', split: 'tune', shape: 'service (Rust), observability pipeline' },
  { name: 'grafana/loki', split: 'tune', shape: 'service (Go), log store' },
  { name: 'python/mypy', split: 'tune', shape: 'Python project (type checker, mypyc)' },
  { name: 'microsoft/rushstack', split: 'tune', shape: 'big JS monorepo (apps/, libraries/), bot version bumps' },
  { name: 'dependabot/dependabot-core', split: 'tune', shape: 'bot-heavy (Ruby, one folder per ecosystem)' },
  { name: 'TanStack/query', split: 'tune', shape: 'small library monorepo (packages/)' },
  // Held out in the fifth round (2026-12-07, 79 % top 3 against the baseline's 82 %, run twice: before
  // and after that round's rules), so seen: tuning material now.
  { name: 'jestjs/jest', split: 'tune', shape: 'tool monorepo (packages/), JS test runner' },
  { name: 'remix-run/react-router', split: 'tune', shape: 'library monorepo (packages/), changesets' },
  { name: 'pytest-dev/pytest', split: 'tune', shape: 'Python tool (src/, testing/)' },
  { name: 'temporalio/temporal', split: 'tune', shape: 'service (Go), workflow engine' },
  { name: 'nushell/nushell', split: 'tune', shape: 'Rust project (crates/), shell' },
  { name: 'saleor/saleor', split: 'tune', shape: 'service (Python web framework: Django, GraphQL API)' },
  // Held out in the sixth round (2026-12-07, 79 % top 3 against the baseline's 79 %, run twice: before
  // and after that round's rules), so seen: tuning material now.
  { name: 'argoproj/argo-cd', split: 'tune', shape: 'service (Go), GitOps controller, dependency bot' },
  { name: 'astral-sh/uv', split: 'tune', shape: 'Rust CLI (crates/), renovate bot' },
  { name: 'wagtail/wagtail', split: 'tune', shape: 'Python web framework (Django CMS)' },
  { name: 'apache/kafka', split: 'tune', shape: 'Java/Scala project, release branches' },
  { name: 'sveltejs/kit', split: 'tune', shape: 'JS framework monorepo (packages/), changesets' },
  { name: 'jellyfin/jellyfin-web', split: 'tune', shape: 'bot-heavy web client (translations, renovate)' },
  // Held out in the seventh round (2026-12-07, 67 % top 3 against the baseline's 65 %, run once: no rule changed
  // in that round), so seen: tuning material now.
  { name: 'laravel/framework', split: 'tune', shape: 'PHP framework library, release branches merged up' },
  { name: 'element-hq/synapse', split: 'tune', shape: 'service (Python), Matrix homeserver' },
  { name: 'hashicorp/terraform', split: 'tune', shape: 'CLI (Go), internal/ packages' },
  { name: 'microsoft/playwright', split: 'tune', shape: 'tool monorepo (TS, packages/), browser rolls by bot' },
  { name: 'elixir-lang/elixir', split: 'tune', shape: 'language and standard library (Elixir, lib/ per app)' },
  { name: 'redis/redis', split: 'tune', shape: 'service (C), small' },
  // Held out in the eighth round (2026-12-07, 72 % top 3 against the baseline's 74 %, run once: that round's rule was
  // chosen before), so seen: tuning material now.
  { name: 'spring-projects/spring-boot', split: 'tune', shape: 'Java framework, maintenance branches merged forward' },
  { name: 'rust-lang/cargo', split: 'tune', shape: 'Rust tool (crates/, src/cargo), merge queue' },
  { name: 'etcd-io/etcd', split: 'tune', shape: 'service (Go), distributed key-value store' },
  { name: 'apollographql/apollo-client', split: 'tune', shape: 'TS library (src/), changesets' },
  { name: 'bitwarden/server', split: 'tune', shape: 'service (C#/.NET, src/ per project)' },
  { name: 'Kong/kong', split: 'tune', shape: 'service (Lua), API gateway, changelog entries per change' },
  // Held out in the ninth round (2026-12-07, 77 % top 3, level with the baseline's 77 %, run once: that round's rule was
  // chosen before), so seen: tuning material now.
  { name: 'Homebrew/brew', split: 'tune', shape: 'Ruby tool (Library/Homebrew), package manager' },
  { name: 'curl/curl', split: 'tune', shape: 'C library and CLI (lib/, src/), small commits' },
  { name: 'ansible/ansible', split: 'tune', shape: 'Python tool (lib/ansible), changelog fragments' },
  { name: 'flutter/packages', split: 'tune', shape: 'Dart package monorepo (packages/), roll bots' },
  { name: 'ankidroid/Anki-Android', split: 'tune', shape: 'Android app (Kotlin/Java, AnkiDroid/), translation bot' },
  { name: 'hashicorp/nomad', split: 'tune', shape: 'service (Go scheduler + Ember web UI), .changelog entries' },
  // Held out in the tenth round (2026-12-07, 79 % top 3 against the baseline's 75 %, run once: no rule changed in that
  // round), so seen: tuning material now.
  { name: 'angular/components', split: 'tune', shape: 'TS component library monorepo (src/ per package), Bazel, renovate' },
  { name: 'duckdb/duckdb', split: 'tune', shape: 'C++ database (src/, extension/), release branches merged back' },
  { name: 'kubernetes/test-infra', split: 'tune', shape: 'bot-heavy (Prow autobumps), Go tools and job configs' },
  { name: 'jquery/jquery', split: 'tune', shape: 'small library (JS, src/), dependabot' },
  { name: 'getsentry/snuba', split: 'tune', shape: 'service (Python + Rust), ClickHouse query service' },
  { name: 'haskell/cabal', split: 'tune', shape: 'Haskell tool and library (Cabal*/, cabal-install*/), mergify' },
  // Held out in the eleventh round (2026-12-07, 72 % top 3 against the baseline's 70 %, run once with the revert habit,
  // cf915c6), so seen: tuning material now.
  { name: 'rails/rails', split: 'tune', shape: 'Ruby web framework (one folder per gem), PRs merged with merge commits' },
  { name: 'sympy/sympy', split: 'tune', shape: 'Python library (sympy/ per module), PRs merged with merge commits' },
  { name: 'istio/istio', split: 'tune', shape: 'service mesh (Go: pilot/, pkg/), squash merges, bot-heavy' },
  { name: 'numpy/numpy', split: 'tune', shape: 'C and Python library (numpy/), PRs merged with merge commits' },
  { name: 'jupyterlab/jupyterlab', split: 'tune', shape: 'TS web app monorepo (packages/), PRs merged with merge commits' },
  { name: 'PrefectHQ/prefect', split: 'tune', shape: 'Python workflow service (src/prefect, ui/), squash merges' },
  // Held out in the twelfth round: never run by this eval before; chosen by shape, size (snapshots under 500 MB) and their
  // count of reverts made within a day (counted with `git log --grep` on HEAD, no case read: netty 34, golang/tools 28,
  // ocaml 30, moby 21, rust-analyzer 25, scipy 35), added before any case of them was run; run once (2026-12-08, 78 % top
  // 3 against the baseline's 73 %; ahead on 5, behind on golang/tools by one), with the twelfth round's final ranking
  // (the revert habit from three in twenty, 227d6ba); its lost cases read after that run, to explain; seen since, so tuning material now (thirteenth round).
  { name: 'netty/netty', split: 'tune', shape: 'Java network library (Maven modules), PRs mostly squashed, some merge commits' },
  { name: 'golang/tools', split: 'tune', shape: 'Go tools (gopls/, internal/), Gerrit, one commit per change' },
  { name: 'ocaml/ocaml', split: 'tune', shape: 'compiler and runtime (OCaml and C: typing/, runtime/), PR merge commits' },
  { name: 'moby/moby', split: 'tune', shape: 'container engine (Go: daemon/, client/), PR merge commits, vendored deps' },
  { name: 'rust-lang/rust-analyzer', split: 'tune', shape: 'Rust IDE server (crates/), merge bot (bors, merge queue)' },
  { name: 'scipy/scipy', split: 'tune', shape: 'Python, C and Fortran library (scipy/ per module), PR merge commits and squashes' },
  // Held out in the thirteenth round: never run by this eval before; chosen by shape, size (snapshots under 500 MB) and the raw
  // count of "This reverts commit" on HEAD (nats-server 18, lexical 27, astropy 25, oss-fuzz 144, eslint 43, typescript-eslint
  // 51), added before any case of them was run (126555a); run once (2026-12-08, 87 % top 3 against the baseline's 86 %, 82 vs
  // 81; ahead on nats-server, level on five), with the thirteenth round's final ranking (37026e1); its cases read after that
  // run, to explain; seen since, so tuning material now (fourteenth round).
  { name: 'nats-io/nats-server', split: 'tune', shape: 'service (Go message broker, server/), PR merge commits, release branches' },
  { name: 'facebook/lexical', split: 'tune', shape: 'JS editor monorepo (packages/), squash merges, release commits' },
  { name: 'astropy/astropy', split: 'tune', shape: 'Python and C library (astropy/ per subpackage), PR merge commits, dependency and pre-commit bots' },
  { name: 'google/oss-fuzz', split: 'tune', shape: 'many small projects (projects/<name>/ build configs) and infra/, many contributors' },
  { name: 'eslint/eslint', split: 'tune', shape: 'JS tool (lib/), release trains: release and changelog commits by bots' },
  { name: 'typescript-eslint/typescript-eslint', split: 'tune', shape: 'TS monorepo (packages/), bot-heavy: renovate and release bot' },
  // Held out (fourteenth round): never run by this eval before; chosen by shape, size (snapshots under 500 MB: triton,
  // gutenberg, devtools-frontend, wp-calypso, mozilla/fxa, mediawiki, gerrit, getsentry/relay and flutter/engine were over it)
  // and by the count of commits on HEAD of the last two years whose message says "This reverts commit" (`git log --since=2.years
  // --grep`, no case counted or read: dawn 150, perfetto 78, executorch 56, iree 36, treeherder 23, tailscale 19; counted and not
  // chosen: pytorch/ao 43 and llvm/circt 30 (shapes already taken), flutter/devtools 1, Vulkan-ValidationLayers 3, VisualEditor 1,
  // pytorch/test-infra 7, podman 19, posthog-js 18, apache/tvm 2); added before any case of them was run (1b6eccb); run once
  // (2026-12-08, 521 cases: 86 % top 3 against the baseline's 84 %, 446 vs 437, first 327 vs 315; ahead on dawn, perfetto,
  // executorch and treeherder, behind on iree by five and tailscale by one), with the fourteenth round's final ranking (the
  // merge habit from one in ten, 82805de); its cases read after that run, to explain; seen since, so tuning material now
  // (fifteenth round).
  { name: 'google/dawn', split: 'tune', shape: 'C++ graphics library (WebGPU: src/dawn, src/tint), Gerrit, one commit per change, roll bots' },
  { name: 'google/perfetto', split: 'tune', shape: 'tracing tool (C++ src/, TS ui/), 83k commits, Gerrit then PRs' },
  {
    name: 'pytorch/executorch',
    split: 'tune',
    shape: 'ML runtime (C++ and Python: runtime/, backends/ per vendor), commits exported from internal review',
  },
  { name: 'iree-org/iree', split: 'tune', shape: 'ML compiler and runtime (MLIR, C++: compiler/, runtime/), squash merges, LLVM integrate commits' },
  { name: 'mozilla/treeherder', split: 'tune', shape: 'web service (Python Django server + React ui/), dependency bots' },
  { name: 'tailscale/tailscale', split: 'tune', shape: 'Go network daemon and CLI (many small packages), one commit per change' },
  // Held out (fifteenth round): never run by this eval before; chosen by shape, size (snapshots under 500 MB: envoy, zig,
  // julia, react, cilium, systemd, zed, neovim, discourse, vault, vision, golang/go, django, turborepo, airflow, zulip,
  // pandas, vllm, sglang, coder, gitea, cal.com, n8n, element-web, mimir, skia, consul, mlflow, bedrock and addons-server
  // were over it) and by the count of commits on HEAD of the last two years whose message says "This reverts commit"
  // (`git log --since=2.years --grep`, no case counted or read: rspack 74, gradio 46, ollama 41, boringssl 30, pigweed 27 (its
  // snapshot ends 2025-10), wasmtime 13; counted and not chosen: google/angle 106 (dawn's shape, now tuned on), containerd 8, sentry-python 8,
  // swift-package-manager 9, emscripten 3, binaryen 2, torch-mlir 0, SPIRV-Tools 2, swiftshader 3, FBGEMM 1, torchtitan 2,
  // ruff 6, pytorch/xla 1, tempo 8, thanos 1, cluster-api 3, DeepSpeed 0, streamlit 0, pdf.js 3); added before any case of
  // them was run (2281d48); run once (2026-12-08, 185 cases: 81 % top 3, level with the baseline's 81 %, 150 vs 150, first
  // 120 vs 109; ahead on rspack and gradio, level on ollama and wasmtime, behind on boringssl and pigweed by one case each),
  // with the fifteenth round's final ranking (a tests-only commit among the three newest in the system not halved,
  // c21b107); its cases read after that run, to explain, never to tune.
  { name: 'web-infra-dev/rspack', split: 'held-out', shape: 'JS bundler in Rust (crates/) with JS packages (packages/), squash merges, release commits' },
  { name: 'gradio-app/gradio', split: 'held-out', shape: 'Python library (gradio/) with a Svelte front end (js/), changesets release bot' },
  { name: 'ollama/ollama', split: 'held-out', shape: 'Go LLM server and CLI with vendored C/C++ (llama/, ml/), squash merges' },
  { name: 'google/boringssl', split: 'held-out', shape: 'C and C++ crypto library (crypto/, ssl/), Gerrit, one commit per change' },
  { name: 'google/pigweed', split: 'held-out', shape: 'embedded C++ libraries (one pw_* folder per module), Gerrit, roll bots' },
  { name: 'bytecodealliance/wasmtime', split: 'held-out', shape: 'Rust WebAssembly runtime and compiler (crates/, cranelift/), merge queue, squash merges' },
];

/** The folder a repository is cloned into under --dir: owner+name. */
export function cloneFolder(name: string): string {
  return name.replace('/', '+');
}
