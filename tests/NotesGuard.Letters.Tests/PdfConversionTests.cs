using System.Diagnostics;
using NotesGuard.Guidance.Letters;

namespace NotesGuard.Letters.Tests;

/// <summary>
/// Proves every generated .docx renders: LibreOffice (installed by scripts/test-deps) converts them all to PDF
/// headless, with a private profile so it never touches a user's own LibreOffice settings. Fails, never skips,
/// when soffice is missing.
/// </summary>
public sealed class PdfConversionTests
{
    [Fact]
    public async Task Every_document_converts_to_a_non_empty_pdf()
    {
        var soffice = new[] { "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists);
        Assert.True(soffice is not null, "LibreOffice (soffice) is missing: run scripts/test-deps, which installs libreoffice-writer-nogui");

        var work = Directory.CreateTempSubdirectory("notesguard-letters-pdf-");
        try
        {
            var names = new List<string>();
            foreach (var row in LetterCases.All())
            {
                var (kind, outcome) = ((string)row[0], (string)row[1]);
                var name = $"{kind}--{outcome}";
                File.WriteAllBytes(Path.Combine(work.FullName, name + ".docx"), DocxLetterWriter.Write(LetterCases.Fill(kind, outcome)));
                names.Add(name);
            }

            var output = Path.Combine(work.FullName, "pdf");
            var start = new ProcessStartInfo(soffice!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { $"-env:UserInstallation=file://{work.FullName}/profile", "--headless", "--convert-to", "pdf", "--outdir", output })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var name in names)
            {
                start.ArgumentList.Add(Path.Combine(work.FullName, name + ".docx"));
            }

            using var process = Process.Start(start)!;
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var (stdout, stderr) = (await stdoutTask, await stderrTask);
            Assert.True(process.ExitCode == 0, $"soffice exited {process.ExitCode}: {stdout} {stderr}");

            foreach (var name in names)
            {
                var pdf = Path.Combine(output, name + ".pdf");
                Assert.True(File.Exists(pdf), $"no PDF for {name}: {stdout} {stderr}");
                var bytes = File.ReadAllBytes(pdf);
                Assert.True(bytes.Length > 1000, $"{name}.pdf is only {bytes.Length} bytes");
                Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
