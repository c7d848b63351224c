using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PersonalAccessTokens.EntityFrameworkCore;

/// <summary>
/// The usage flush as one <c>WITH v AS (VALUES …) UPDATE … FROM v</c> per page of tokens, which PostgreSQL and SQLite
/// (3.33 and later) both run. Table and column names come from the model, quoted by the provider, so a host's naming
/// conventions apply. A later use already stored is kept.
/// </summary>
internal sealed class UsageSql
{
    /// <summary>Three parameters a row: well under every provider's limit per statement.</summary>
    public const int RowsPerStatement = 500;

    private readonly string _table;
    private readonly string _id;
    private readonly string _lastUsedAt;
    private readonly string _lastUsedFrom;

    private UsageSql(DbContext context)
    {
        var helper = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(typeof(PatRecordRow))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => helper.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        _table = helper.DelimitIdentifier(table.Name, table.Schema);
        _id = Column(nameof(PatRecordRow.Id));
        _lastUsedAt = Column(nameof(PatRecordRow.LastUsedAt));
        _lastUsedFrom = Column(nameof(PatRecordRow.LastUsedFrom));
    }

    public static UsageSql For(DbContext context) => new(context);

    /// <summary>The statement for <paramref name="rows"/> rows, with EF's <c>{n}</c> parameter placeholders.</summary>
    public string Update(int rows)
    {
        var values = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            values.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}({{{3 * i}}}, {{{3 * i + 1}}}, {{{3 * i + 2}}})");
        }

        // The address travels as '' for none: an untyped NULL parameter has no type PostgreSQL can infer.
        // The column names in the CTE, not on the VALUES alias: SQLite accepts only the former.
        return $"WITH v(token_id, used_at, used_from) AS (VALUES {values}) "
            + $"UPDATE {_table} SET {_lastUsedAt} = v.used_at, {_lastUsedFrom} = NULLIF(v.used_from, '') FROM v "
            + $"WHERE {_table}.{_id} = v.token_id AND ({_table}.{_lastUsedAt} IS NULL OR {_table}.{_lastUsedAt} < v.used_at)";
    }

    public static object[] Parameters(PatUsage[] page)
    {
        var parameters = new object[3 * page.Length];
        for (var i = 0; i < page.Length; i++)
        {
            parameters[3 * i] = page[i].TokenId;
            parameters[3 * i + 1] = page[i].LastUsedAt.UtcTicks;
            parameters[3 * i + 2] = page[i].LastUsedFrom ?? "";
        }

        return parameters;
    }
}
