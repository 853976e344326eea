using BenchmarkDotNet.Running;

namespace TimeToken.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (<c>--filter</c>, <c>--job</c>, …).</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
