// Compiles the contracts in src/ with the pinned solc-js (package.json) and writes artifacts/<Name>.json
// (ABI, creation bytecode, runtime bytecode). `node compile.js --check` compiles the same way and exits
// with 1 if the committed artifacts differ, so that the committed bytecode provably comes from the
// committed sources. No compiler is downloaded: solc-js carries its compiler in the package.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const contracts = ['DarkPoolSettlement', 'TestToken'];
const srcDir = path.join(__dirname, 'src');
const outDir = path.join(__dirname, 'artifacts');

function compile() {
  const sources = {};
  for (const name of contracts) {
    // Source units are named without a directory so the metadata hash does not depend on the checkout path.
    sources[`${name}.sol`] = { content: fs.readFileSync(path.join(srcDir, `${name}.sol`), 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = (output.errors || []).filter((e) => e.severity !== 'info');
  if (problems.length > 0) {
    for (const e of problems) {
      process.stderr.write(`${e.formattedMessage}\n`);
    }
    process.exit(2);
  }
  const artifacts = {};
  for (const name of contracts) {
    const c = output.contracts[`${name}.sol`][name];
    const artifact = {
      contractName: name,
      compiler: solc.version(),
      settings: { optimizerRuns: 200, evmVersion: 'cancun' },
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
    };
    artifacts[name] = `${JSON.stringify(artifact, null, 2)}\n`;
  }
  return artifacts;
}

const check = process.argv.includes('--check');
const artifacts = compile();
let stale = 0;
for (const [name, text] of Object.entries(artifacts)) {
  const file = path.join(outDir, `${name}.json`);
  if (check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== text) {
      process.stderr.write(`artifacts/${name}.json differs from a fresh compile of src/${name}.sol\n`);
      stale++;
    }
  } else {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote artifacts/${name}.json\n`);
  }
}
if (check) {
  process.stdout.write(stale === 0 ? 'artifacts match the sources\n' : '');
  process.exit(stale === 0 ? 0 : 1);
}
