using TorchSharp;
using static TorchSharp.torch;
torch.set_num_threads(1);
for (int i = 0; i < 3; i++)
{
    using var scope = torch.NewDisposeScope();
    using var g = new torch.Generator(5);
    var a = torch.randn([50, 500], dtype: ScalarType.Float64, generator: g);
    var b = torch.randn([500, 31], dtype: ScalarType.Float64, generator: g);
    var c = a.matmul(b);
    var cov = b.t().matmul(b);
    var ch = torch.linalg.cholesky(cov);
    var ls = torch.linalg.lstsq(c[.., ..30], c[.., 30].unsqueeze(1)).Solution;
    var sv = torch.linalg.solve(cov, b.t().matmul(a[0]));
    Console.WriteLine($"a {a.sum().item<double>():R} c {c.sum().item<double>():R} cov {cov.sum().item<double>():R} ch {ch.sum().item<double>():R} ls {ls.sum().item<double>():R} sv {sv.sum().item<double>():R} dot {b[.., 0].dot(b[.., 1]).item<double>():R}");
}
