#!/usr/bin/env node
// Verifies DarkPool attestation evidence with a third-party DCAP verifier, Phala's @phala/dcap-qvl (a JavaScript
// port of Intel's Quote Verification Library), pinned in package-lock.json next to this file.
//
//   npm ci                                   # once, in this folder
//   node verify-evidence.js <evidence-folder>... [--time <unix-seconds>] [--intel-root]
//
// Each evidence folder holds quote.bin (the SGX DCAP quote), root.der (the root CA to pin) and collateral.json
// (CRLs, TCB Info, QE Identity and issuer chains; docs/ATTESTATION.md). The script calls
// QuoteVerifier.newWithRootCa(root).verify(quote, collateral, now), or with --intel-root pins Intel's SGX root CA
// built into the library instead of root.der (QuoteVerifier.newProd()), and prints one JSON line per folder: the TCB
// status, the advisory ids and the enclave's identity and REPORTDATA (hex) when the library accepts the quote, or
// its error when it rejects it. Exit code: 0 all accepted, 1 one or more rejected, 2 usage or unreadable files.
// Nothing here comes from DarkPool's code: the checks are the library's. The one DarkPool-specific line reads the
// simulation flag, which DCAP verifiers do not interpret: the last four bytes of the header's user data (quote
// offset 44, little-endian) are 1 on DarkPool's simulated platform and 0 on Intel hardware.
'use strict';

const fs = require('fs');
const path = require('path');
const { Quote, QuoteVerifier } = require('@phala/dcap-qvl');

function usage(message) {
    console.error(message);
    console.error('usage: node verify-evidence.js <evidence-folder>... [--time <unix-seconds>] [--intel-root]');
    process.exit(2);
}

function parseArguments(argv) {
    const folders = [];
    let now = Math.floor(Date.now() / 1000);
    let intelRoot = false;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--time') {
            if (i + 1 >= argv.length || !/^[0-9]+$/.test(argv[i + 1])) {
                usage('--time takes a Unix time in seconds');
            }
            now = parseInt(argv[++i], 10);
        } else if (argv[i] === '--intel-root') {
            intelRoot = true;
        } else if (argv[i].startsWith('--')) {
            usage(`unknown option ${argv[i]}`);
        } else {
            folders.push(argv[i]);
        }
    }
    if (folders.length === 0) {
        usage('no evidence folder given');
    }
    return { folders, now, intelRoot };
}

function hex(bytes) {
    return Buffer.from(bytes).toString('hex');
}

function verifyFolder(folder, now, intelRoot) {
    let quote, root, collateral;
    try {
        quote = fs.readFileSync(path.join(folder, 'quote.bin'));
        root = fs.readFileSync(path.join(folder, 'root.der'));
        collateral = JSON.parse(fs.readFileSync(path.join(folder, 'collateral.json'), 'utf8'));
    } catch (e) {
        usage(`cannot read the evidence in ${folder}: ${e.message}`);
    }

    try {
        const verifier = intelRoot ? QuoteVerifier.newProd() : QuoteVerifier.newWithRootCa(root);
        const result = verifier.verify(quote, collateral, now);
        const report = result.report.data;
        const userData = Buffer.from(Quote.parse(quote).header.userData);
        return {
            folder,
            ok: true,
            root: intelRoot ? 'intel' : 'root.der',
            status: result.status,
            advisory_ids: result.advisory_ids,
            mrenclave: hex(report.mrEnclave),
            mrsigner: hex(report.mrSigner),
            isv_prod_id: report.isvProdId,
            isv_svn: report.isvSvn,
            report_data: hex(report.reportData),
            darkpool_simulated: userData.readUInt32LE(16) === 1,
        };
    } catch (e) {
        let error = e.message;
        for (let cause = e.cause; cause; cause = cause.cause) {
            error += `: ${cause.message || cause}`;
        }
        return { folder, ok: false, root: intelRoot ? 'intel' : 'root.der', error };
    }
}

const { folders, now, intelRoot } = parseArguments(process.argv.slice(2));
let allAccepted = true;
for (const folder of folders) {
    const outcome = verifyFolder(folder, now, intelRoot);
    allAccepted = allAccepted && outcome.ok;
    console.log(JSON.stringify(outcome));
}
process.exit(allAccepted ? 0 : 1);
