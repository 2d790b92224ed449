using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotesGuard.Conformance.Tests.Slack;

namespace NotesGuard.Conformance.Tests.Operations;

/// <summary>
/// deploymentTemplates/main.bicep and azuredeploy.json deploy the same thing: the Bicep compiler (the pinned
/// Azure.Bicep.CommandLine package) compiles main.bicep without a warning, and the result declares the same
/// parameters (type, default, allowed values), resources (type, API version, condition) and outputs as the
/// hand-written JSON; every parameters()/variables() in the JSON names something declared; the example
/// parameters file compiles against main.bicep.
/// </summary>
public sealed partial class DeploymentTemplateTests
{
    private static readonly string Bicep = RepositoryFiles.Path("deploymentTemplates", "main.bicep");
    private static readonly string BicepParams = RepositoryFiles.Path("deploymentTemplates", "main.bicepparam");
    private static readonly ArmTemplate Json = ArmTemplate.Parse(File.ReadAllText(RepositoryFiles.Path("deploymentTemplates", "azuredeploy.json")));

    [Fact]
    public void Main_bicep_compiles_without_warnings_to_the_parameters_resources_and_outputs_of_azuredeploy_json()
    {
        var (exitCode, stdout, stderr) = RunBicep("build", Bicep, "--stdout");
        Assert.True(exitCode == 0, stderr);
        Assert.True(stderr.Trim().Length == 0, $"bicep warned:\n{stderr}");
        var compiled = ArmTemplate.Parse(stdout);

        Assert.Equal(Json.Parameters.Order(StringComparer.Ordinal), compiled.Parameters.Order(StringComparer.Ordinal));
        foreach (var name in Json.Parameters)
        {
            foreach (var facet in new[] { "type", "defaultValue", "allowedValues", "minValue" })
            {
                Assert.True(
                    Equals(Json.Parameter(name)[facet]?.ToJsonString(), compiled.Parameter(name)[facet]?.ToJsonString()),
                    $"parameter {name}: {facet} is {Json.Parameter(name)[facet]?.ToJsonString() ?? "absent"} in azuredeploy.json, " +
                    $"{compiled.Parameter(name)[facet]?.ToJsonString() ?? "absent"} in main.bicep");
            }
        }

        Assert.Equal(Json.Resources, compiled.Resources);
        Assert.Equal(Json.Outputs.Order(StringComparer.Ordinal), compiled.Outputs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_parameter_and_variable_the_arm_template_uses_is_declared_and_every_parameter_is_used()
    {
        Assert.Empty(Json.UnresolvedReferences());
        Assert.Empty(Json.UnusedParameters());
    }

    [Fact]
    public void The_reference_check_catches_a_misspelt_parameter_and_an_undeclared_variable()
    {
        var broken = ArmTemplate.Parse("""
            {"parameters": {"botName": {"type": "string"}}, "variables": {"planName": "[concat(parameters('botname'), '-plan')]"},
             "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "[variables('siteName')]"}]}
            """);

        Assert.Equal(["parameters('botname')", "variables('siteName')"], broken.UnresolvedReferences());
        Assert.Equal(["botName"], broken.UnusedParameters());
    }

    [Fact]
    public void The_example_parameters_compile_against_main_bicep_and_set_only_declared_parameters()
    {
        var (exitCode, stdout, stderr) = RunBicep("build-params", BicepParams, "--stdout");

        Assert.True(exitCode == 0, stderr);
        var parameters = JsonNode.Parse(JsonNode.Parse(stdout)!["parametersJson"]!.GetValue<string>())!["parameters"]!.AsObject();
        var set = ParamLine().Matches(File.ReadAllText(BicepParams)).Select(m => m.Groups["name"].Value).ToList();
        Assert.Equal(set.Order(StringComparer.Ordinal), parameters.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(set, name => Assert.Contains(name, Json.Parameters));
    }

    [Fact]
    public void The_templates_declare_what_the_operations_guide_promises()
    {
        foreach (var type in new[]
                 {
                     "Microsoft.Web/sites", "Microsoft.BotService/botServices/channels", "Microsoft.Storage/storageAccounts",
                     "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.KeyVault/vaults/secrets", "Microsoft.Insights/components",
                     "Microsoft.ManagedIdentity/userAssignedIdentities",
                 })
        {
            Assert.Contains(Json.Resources, r => r.StartsWith(type + "@", StringComparison.Ordinal));
        }

        var json = File.ReadAllText(RepositoryFiles.Path("deploymentTemplates", "azuredeploy.json"));
        Assert.Contains("DOTNETCORE|10.0", json, StringComparison.Ordinal);
        Assert.Contains("MsTeamsChannel", json, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(VaultName=", json, StringComparison.Ordinal);

        // No secret parameter's value reaches an app setting except through Key Vault.
        foreach (var secret in Json.Parameters.Where(p => Json.Parameter(p)["type"]!.GetValue<string>() == "securestring"))
        {
            Assert.DoesNotMatch($@"createObject\('name', '[^']+', 'value', parameters\('{secret}'\)\)", json);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) RunBicep(params string[] arguments)
    {
        var bicep = typeof(DeploymentTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "BicepPath")?.Value;
        Assert.False(string.IsNullOrEmpty(bicep) || !File.Exists(bicep),
            $"The Bicep CLI is not restored ('{bicep}'): the Azure.Bicep.CommandLine.linux-x64 package serves Linux x64, where CI runs.");

        var psi = new ProcessStartInfo(bicep!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep did not finish in 3 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [GeneratedRegex(@"^param (?<name>\w+) =", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
