using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace TimeToken.Tests.TestSupport;

/// <summary>
/// The assembly-level attributes and embedded resources of an assembly, read from its metadata only. Nothing is
/// loaded, so the module's Orchard attributes are read as the build wrote them.
/// </summary>
internal sealed class AssemblyMetadata
{
    private AssemblyMetadata(IReadOnlyList<AttributeData> attributes, IReadOnlyDictionary<string, byte[]> resources)
    {
        Attributes = attributes;
        Resources = resources;
    }

    /// <summary>The assembly's Orchard Core attributes (namespace OrchardCore.*), in metadata order.</summary>
    public IReadOnlyList<AttributeData> Attributes { get; }

    /// <summary>The embedded resources by manifest resource name.</summary>
    public IReadOnlyDictionary<string, byte[]> Resources { get; }

    /// <summary>The attributes whose type has the given full name.</summary>
    public IEnumerable<AttributeData> OfType(string fullName) => Attributes.Where(a => a.TypeName == fullName);

    /// <summary>Reads the assembly at <paramref name="path"/>.</summary>
    public static AssemblyMetadata Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var attributes = new List<AttributeData>();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var typeName = AttributeTypeName(reader, attribute);
            if (!typeName.StartsWith("OrchardCore.", StringComparison.Ordinal))
            {
                // Only Orchard's attributes are decoded: compiler and SDK attributes may take enums of other assemblies.
                continue;
            }

            var value = attribute.DecodeValue(TypeNameProvider.Instance);
            attributes.Add(new AttributeData(
                typeName,
                [.. value.FixedArguments.Select(a => Unwrap(a.Value))],
                value.NamedArguments.ToDictionary(a => a.Name!, a => Unwrap(a.Value))));
        }

        var resources = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var resourcesRva = pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress;
        foreach (var handle in reader.ManifestResources)
        {
            var resource = reader.GetManifestResource(handle);
            if (!resource.Implementation.IsNil)
            {
                continue;
            }

            // An embedded resource is a 4-byte length followed by its bytes, at its offset in the resources directory.
            var block = pe.GetSectionData(resourcesRva + (int)resource.Offset).GetReader();
            var length = block.ReadInt32();
            resources[reader.GetString(resource.Name)] = block.ReadBytes(length);
        }

        return new AssemblyMetadata(attributes, resources);
    }

    private static string AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle type = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => throw new NotSupportedException($"Attribute constructor of kind {attribute.Constructor.Kind}."),
        };

        return type.Kind switch
        {
            HandleKind.TypeReference => FullName(reader.GetTypeReference((TypeReferenceHandle)type).Namespace, reader.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => FullName(reader.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, reader.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => throw new NotSupportedException($"Attribute type of kind {type.Kind}."),
        };

        string FullName(StringHandle ns, StringHandle name) => $"{reader.GetString(ns)}.{reader.GetString(name)}";
    }

    // Arrays decode as a list of typed arguments; turn them into plain values.
    private static object? Unwrap(object? value) => value is ImmutableArray<CustomAttributeTypedArgument<string>> items
        ? items.Select(i => i.Value).ToArray()
        : value;

    private sealed class TypeNameProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly TypeNameProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
            => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        // Orchard's manifest attributes take no enum arguments.
        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => throw new NotSupportedException($"Enum argument of type {type}.");

        public bool IsSystemType(string type) => type == "System.Type";
    }
}

/// <summary>One custom attribute: its type's full name, its constructor arguments and its named arguments.</summary>
internal sealed record AttributeData(string TypeName, IReadOnlyList<object?> Arguments, IReadOnlyDictionary<string, object?> Named);
