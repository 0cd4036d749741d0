using Bogus;

namespace BatchKit.SampleData;

/// <summary>
/// A fixed catalogue, generated from its own constant seed so StockCode, Description and price stay the same
/// across days and runs, whatever seed a day is generated with.
/// </summary>
internal sealed class ProductCatalogue
{
    private const int CatalogueSeed = 536365;
    private const int Size = 400;

    // Price points like the real shop's: cheap stationery to the odd piece of furniture.
    private static readonly decimal[] PricePoints =
    [
        0.19m, 0.29m, 0.39m, 0.42m, 0.55m, 0.65m, 0.72m, 0.83m, 0.85m, 1.25m, 1.45m, 1.65m, 1.95m, 2.1m, 2.55m,
        2.95m, 3.25m, 3.75m, 4.25m, 4.95m, 5.95m, 7.95m, 8.5m, 9.95m, 12.75m, 14.95m, 18m, 24.95m, 39.95m, 125m,
    ];

    private ProductCatalogue(Product[] products)
    {
        Products = products;
    }

    public static ProductCatalogue Instance { get; } = Build();

    public Product[] Products { get; }

    private static ProductCatalogue Build()
    {
        var faker = new Faker("en") { Random = new Randomizer(CatalogueSeed) };
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var products = new List<Product>(Size);
        while (products.Count < Size)
        {
            var code = faker.Random.Number(10002, 90214).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + (faker.Random.Bool(0.3f) ? faker.Random.Char('A', 'G').ToString() : "");
            if (!codes.Add(code))
            {
                continue;
            }

            var description = $"{faker.Commerce.ProductAdjective()} {faker.Commerce.ProductMaterial()} {faker.Commerce.Product()}".ToUpperInvariant();
            products.Add(new Product(code, description, faker.PickRandom(PricePoints)));
        }

        // The real data's non-product lines.
        products.Add(new Product("POST", "POSTAGE", 18m));
        return new ProductCatalogue(products.ToArray());
    }
}
