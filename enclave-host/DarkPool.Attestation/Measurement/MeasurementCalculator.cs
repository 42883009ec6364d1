using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using DarkPool.Attestation.Identity;

namespace DarkPool.Attestation.Measurement;

/// <summary>
/// Computes MRENCLAVE from a build output folder: the entry assembly and every assembly it reaches through metadata
/// references that lives in the folder, each hashed with SHA-256, combined in ordinal file-name order under a
/// versioned label. References that resolve to the shared framework are listed but not measured; a reference found
/// in neither place fails the measurement rather than leave code unmeasured. The definition is in docs/ATTESTATION.md.
/// </summary>
public static class MeasurementCalculator
{
    private static ReadOnlySpan<byte> Label => "DarkPool.Measurement.v1\0"u8;

    /// <summary>Measures <paramref name="entryAssemblyFileName"/> (e.g. "DarkPool.Enclave.dll") and its closure in <paramref name="buildOutputFolder"/>.</summary>
    public static bool TryMeasure(
        string buildOutputFolder,
        string entryAssemblyFileName,
        [NotNullWhen(true)] out MeasurementReport? report,
        out MeasurementError error)
    {
        ArgumentNullException.ThrowIfNull(buildOutputFolder);
        ArgumentNullException.ThrowIfNull(entryAssemblyFileName);
        report = null;
        string entryPath = Path.Combine(buildOutputFolder, entryAssemblyFileName);
        if (!Directory.Exists(buildOutputFolder) || !File.Exists(entryPath))
        {
            error = new MeasurementError(MeasurementErrorKind.NotFound, entryPath);
            return false;
        }

        string frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        var measured = new SortedDictionary<string, MeasuredFile>(StringComparer.Ordinal);
        var framework = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        pending.Enqueue(entryAssemblyFileName);
        while (pending.Count > 0)
        {
            string fileName = pending.Dequeue();
            if (measured.ContainsKey(fileName))
            {
                continue;
            }

            byte[] content = File.ReadAllBytes(Path.Combine(buildOutputFolder, fileName));
            measured.Add(fileName, new MeasuredFile(fileName, content.LongLength, Sha256Hash.Compute(content)));
            if (!TryReadReferences(content, out List<string>? references))
            {
                error = new MeasurementError(MeasurementErrorKind.NotAnAssembly, fileName);
                return false;
            }

            foreach (string reference in references)
            {
                string referenceFile = reference + ".dll";
                if (!IsPlainFileName(reference))
                {
                    error = new MeasurementError(MeasurementErrorKind.UnresolvedReference, $"{reference} (referenced by {fileName})");
                    return false;
                }

                if (File.Exists(Path.Combine(buildOutputFolder, referenceFile)))
                {
                    pending.Enqueue(referenceFile);
                }
                else if (frameworkFolder.Length > 0 && File.Exists(Path.Combine(frameworkFolder, referenceFile)))
                {
                    framework.Add(reference);
                }
                else
                {
                    error = new MeasurementError(MeasurementErrorKind.UnresolvedReference, $"{reference} (referenced by {fileName})");
                    return false;
                }
            }
        }

        var files = measured.Values.ToArray();
        report = new MeasurementReport(Combine(files), files, framework.ToArray());
        error = default;
        return true;
    }

    /// <summary>
    /// The measurement of already-digested files: SHA-256(label || u32 count || for each file in the given order:
    /// u16 name length || UTF-8 name || 32-byte digest).
    /// </summary>
    public static Sha256Hash Combine(IReadOnlyList<MeasuredFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[Sha256Hash.Size];
        hash.AppendData(Label);
        BinaryPrimitives.WriteUInt32LittleEndian(scratch, (uint)files.Count);
        hash.AppendData(scratch[..4]);
        foreach (MeasuredFile file in files)
        {
            byte[] name = Encoding.UTF8.GetBytes(file.FileName);
            BinaryPrimitives.WriteUInt16LittleEndian(scratch, checked((ushort)name.Length));
            hash.AppendData(scratch[..2]);
            hash.AppendData(name);
            file.Digest.CopyTo(scratch);
            hash.AppendData(scratch);
        }

        return new Sha256Hash(hash.GetHashAndReset());
    }

    // A reference name comes from the measured code itself: it must not step outside the folder.
    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name.IndexOf('/') < 0 && name.IndexOf('\\') < 0;

    private static bool TryReadReferences(byte[] content, [NotNullWhen(true)] out List<string>? references)
    {
        references = null;
        try
        {
            using var pe = new PEReader(new MemoryStream(content, writable: false));
            if (!pe.HasMetadata)
            {
                return false;
            }

            MetadataReader metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                return false;
            }

            references = [];
            foreach (AssemblyReferenceHandle handle in metadata.AssemblyReferences)
            {
                references.Add(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            }

            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
