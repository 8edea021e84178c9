/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-yaml"

#include "config.h"

#include <string.h>

#include <yaml.h>

#include "ak-secret.h"
#include "ak-util-private.h"
#include "ak-yaml-private.h"

/* The tree is built from libyaml's events, never from its own loader: the
 * loader expands aliases without limit. */
typedef struct
{
  AkYamlNode *node;
  /* How many levels the node holds below it, for aliases copied deep down. */
  guint       height;
  char       *anchor;
} Open;

typedef struct
{
  GHashTable    *anchors;
  GHashTable    *heights;
  GArray        *open;
  /* What merge keys took apart, kept whole until the end: an anchor may
   * still name it. */
  GPtrArray     *graveyard;
  AkYamlNode    *root;
  guint          n_nodes;
  AkYamlProblem *problem;
} Builder;

static AkYamlNode *
node_new (AkYamlKind kind,
          guint      line)
{
  AkYamlNode *node = g_new0 (AkYamlNode, 1);

  node->kind = kind;
  node->line = line;
  if (kind != AK_YAML_SCALAR)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)_ak_yaml_node_free);

  return node;
}

void
_ak_yaml_node_free (AkYamlNode *node)
{
  if (node == NULL)
    return;

  ak_secret_wipe (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static gboolean
fail (Builder    *builder,
      guint       line,
      const char *reason)
{
  builder->problem->line = line;
  builder->problem->reason = reason;

  return FALSE;
}

static gboolean
count_node (Builder *builder,
            guint    line)
{
  if (++builder->n_nodes > AK_YAML_MAX_NODES)
    return fail (builder, line, "it holds too many values, or aliases that repeat too much");

  return TRUE;
}

static AkYamlNode *
node_copy (Builder    *builder,
           AkYamlNode *node,
           guint       line)
{
  AkYamlNode *copy;

  if (!count_node (builder, line))
    return NULL;

  copy = node_new (node->kind, line);
  copy->text = g_strdup (node->text);
  copy->plain = node->plain;

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      AkYamlNode *child = node_copy (builder, node->children->pdata[i], line);

      if (child == NULL)
        {
          _ak_yaml_node_free (copy);
          return NULL;
        }
      g_ptr_array_add (copy->children, child);
    }

  return copy;
}

static guint
depth (Builder *builder)
{
  return builder->open->len;
}

static Open *
innermost (Builder *builder)
{
  if (builder->open->len == 0)
    return NULL;

  return &g_array_index (builder->open, Open, builder->open->len - 1);
}

/* Puts a finished node into the collection it belongs to, or makes it the
 * document. */
static gboolean
attach (Builder    *builder,
        AkYamlNode *node,
        guint       height,
        const char *anchor)
{
  Open *parent = innermost (builder);

  if (anchor != NULL)
    {
      g_hash_table_replace (builder->anchors, g_strdup (anchor), node);
      g_hash_table_replace (builder->heights, g_strdup (anchor), GUINT_TO_POINTER (height));
    }

  if (parent == NULL)
    {
      if (builder->root != NULL)
        {
          guint line = node->line;

          _ak_yaml_node_free (node);
          return fail (builder, line, "it holds more than one document");
        }
      builder->root = node;
      return TRUE;
    }

  g_ptr_array_add (parent->node->children, node);
  parent->height = MAX (parent->height, height + 1);

  return TRUE;
}

static gboolean
is_merge_key (AkYamlNode *key)
{
  return key->kind == AK_YAML_SCALAR && key->plain && g_strcmp0 (key->text, "<<") == 0;
}

/* Copies the pairs of @source whose keys are not in @present (the text of
 * each scalar key @pairs has) into @pairs. A hash table, so that a large
 * mapping merged takes as long as it is large, not its square. */
static gboolean
merge_from (Builder    *builder,
            GPtrArray  *pairs,
            GHashTable *present,
            AkYamlNode *source)
{
  for (guint i = 0; i + 1 < source->children->len; i += 2)
    {
      AkYamlNode *key = source->children->pdata[i];
      AkYamlNode *key_copy;
      AkYamlNode *value_copy;

      if (key->kind == AK_YAML_SCALAR && g_hash_table_contains (present, key->text))
        continue;

      key_copy = node_copy (builder, key, key->line);
      if (key_copy == NULL)
        return FALSE;
      g_ptr_array_add (pairs, key_copy);
      if (key_copy->kind == AK_YAML_SCALAR)
        g_hash_table_add (present, key_copy->text);
      value_copy = node_copy (builder, source->children->pdata[i + 1], key->line);
      if (value_copy == NULL)
        return FALSE;
      g_ptr_array_add (pairs, value_copy);
    }

  return TRUE;
}

/* "<<: *base" or "<<: [*a, *b]": the keys of the mappings named that the
 * mapping does not have itself, the first one named winning. */
static gboolean
apply_merge_keys (Builder    *builder,
                  AkYamlNode *mapping)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) merges = NULL;
  g_autoptr(GHashTable) present = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i + 1 < mapping->children->len; i += 2)
    any |= is_merge_key (mapping->children->pdata[i]);

  if (!any)
    return TRUE;

  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify)_ak_yaml_node_free);
  merges = g_ptr_array_new ();
  /* Borrows the keys' text, which lives as long as @pairs. */
  present = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i + 1 < mapping->children->len; i += 2)
    {
      AkYamlNode *key = g_steal_pointer (&mapping->children->pdata[i]);
      AkYamlNode *value = g_steal_pointer (&mapping->children->pdata[i + 1]);

      if (is_merge_key (key))
        {
          g_ptr_array_add (builder->graveyard, key);
          g_ptr_array_add (merges, value);
        }
      else
        {
          g_ptr_array_add (pairs, key);
          g_ptr_array_add (pairs, value);
          if (key->kind == AK_YAML_SCALAR)
            g_hash_table_add (present, key->text);
        }
    }
  g_ptr_array_set_size (mapping->children, 0);
  g_ptr_array_extend (builder->graveyard, merges, NULL, NULL);

  for (guint i = 0; i < merges->len; i++)
    {
      AkYamlNode *value = merges->pdata[i];

      if (value->kind == AK_YAML_MAPPING)
        {
          if (!merge_from (builder, pairs, present, value))
            return FALSE;
          continue;
        }

      if (value->kind != AK_YAML_SEQUENCE)
        return fail (builder, value->line, "a merge key (<<) names something that is no mapping");

      for (guint j = 0; j < value->children->len; j++)
        {
          AkYamlNode *item = value->children->pdata[j];

          if (item->kind != AK_YAML_MAPPING)
            return fail (builder, item->line,
                         "a merge key (<<) names something that is no mapping");
          if (!merge_from (builder, pairs, present, item))
            return FALSE;
        }
    }

  g_ptr_array_extend_and_steal (mapping->children, g_steal_pointer (&pairs));

  return TRUE;
}

static gboolean
start_collection (Builder      *builder,
                  AkYamlKind    kind,
                  guint         line,
                  const guchar *anchor)
{
  Open open = { 0, };

  if (depth (builder) >= AK_YAML_MAX_DEPTH)
    return fail (builder, line, "it nests too deep");
  if (!count_node (builder, line))
    return FALSE;

  open.node = node_new (kind, line);
  open.anchor = g_strdup ((const char *)anchor);
  g_array_append_val (builder->open, open);

  return TRUE;
}

static gboolean
end_collection (Builder *builder)
{
  Open open = *innermost (builder);
  gboolean ok;

  g_array_set_size (builder->open, builder->open->len - 1);

  ok = open.node->kind != AK_YAML_MAPPING || apply_merge_keys (builder, open.node);
  if (ok)
    ok = attach (builder, g_steal_pointer (&open.node), open.height, open.anchor);

  _ak_yaml_node_free (open.node);
  g_free (open.anchor);

  return ok;
}

static gboolean
add_scalar (Builder            *builder,
            const yaml_event_t *event)
{
  const char *value = (const char *)event->data.scalar.value;
  gsize len = event->data.scalar.length;
  guint line = event->start_mark.line + 1;
  AkYamlNode *node;

  if (!count_node (builder, line))
    return FALSE;
  /* "\0" and "\uD800" escapes can make what the file's bytes are not. */
  if (memchr (value, '\0', len) != NULL || !g_utf8_validate (value, (gssize)len, NULL))
    return fail (builder, line, "a value is not valid text");

  node = node_new (AK_YAML_SCALAR, line);
  node->text = g_strndup (value, len);
  node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;

  return attach (builder, node, 0, (const char *)event->data.scalar.anchor);
}

static gboolean
add_alias (Builder            *builder,
           const yaml_event_t *event)
{
  const char *anchor = (const char *)event->data.alias.anchor;
  guint line = event->start_mark.line + 1;
  AkYamlNode *target = g_hash_table_lookup (builder->anchors, anchor);
  guint height;
  AkYamlNode *copy;

  /* An anchor is known once its node is complete, so an alias inside the
   * node it names (a loop) is refused here too. */
  if (target == NULL)
    return fail (builder, line, "an alias (*) names no anchor (&) before it");

  height = GPOINTER_TO_UINT (g_hash_table_lookup (builder->heights, anchor));
  if (depth (builder) + height >= AK_YAML_MAX_DEPTH)
    return fail (builder, line, "it nests too deep");

  copy = node_copy (builder, target, line);
  if (copy == NULL)
    return FALSE;

  return attach (builder, copy, height, NULL);
}

static guint
line_of_offset (const char *text,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += text[i] == '\n';

  return line;
}

static void
open_clear (gpointer data)
{
  Open *open = data;

  _ak_yaml_node_free (open->node);
  g_free (open->anchor);
}

/**
 * _ak_yaml_parse:
 * @text: the document
 * @len: its length in bytes
 * @problem: (out): where and why it was refused, when it was
 *
 * Returns: (transfer full) (nullable): the document's root node, or %NULL
 *   with @problem set; %NULL with @problem->reason %NULL for a document
 *   that holds nothing
 */
AkYamlNode *
_ak_yaml_parse (const char    *text,
                gsize          len,
                AkYamlProblem *problem)
{
  Builder builder = { 0, };
  yaml_parser_t parser;
  gboolean done = FALSE;
  gboolean ok = TRUE;
  const char *end = NULL;

  g_assert (text != NULL || len == 0);
  g_assert (problem != NULL);

  problem->line = 0;
  problem->reason = NULL;

  if (len > AK_YAML_MAX_SIZE)
    {
      problem->reason = "it is larger than 1 MiB";
      return NULL;
    }
  if (!g_utf8_validate_len (text, len, &end))
    {
      problem->line = line_of_offset (text, (gsize)(end - text));
      problem->reason = "it is not valid UTF-8 text";
      return NULL;
    }

  builder.anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder.heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  builder.open = g_array_new (FALSE, TRUE, sizeof (Open));
  builder.graveyard = g_ptr_array_new_with_free_func ((GDestroyNotify)_ak_yaml_node_free);
  builder.problem = problem;

  yaml_parser_initialize (&parser);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
  yaml_parser_set_input_string (&parser, (const guchar *)text, len);

  while (ok && !done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          ok = fail (&builder, parser.problem_mark.line + 1,
                     parser.problem != NULL ? parser.problem : "it is not valid YAML");
          break;
        }

      switch (event.type)
        {
        case YAML_SCALAR_EVENT:
          ok = add_scalar (&builder, &event);
          break;

        case YAML_ALIAS_EVENT:
          ok = add_alias (&builder, &event);
          break;

        case YAML_SEQUENCE_START_EVENT:
          ok = start_collection (&builder, AK_YAML_SEQUENCE, event.start_mark.line + 1,
                                 event.data.sequence_start.anchor);
          break;

        case YAML_MAPPING_START_EVENT:
          ok = start_collection (&builder, AK_YAML_MAPPING, event.start_mark.line + 1,
                                 event.data.mapping_start.anchor);
          break;

        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          ok = end_collection (&builder);
          break;

        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;

        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        default:
          break;
        }

      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);
  /* What a refused document left open. */
  for (guint i = 0; i < builder.open->len; i++)
    open_clear (&g_array_index (builder.open, Open, i));
  g_array_unref (builder.open);
  g_ptr_array_unref (builder.graveyard);
  g_hash_table_unref (builder.anchors);
  g_hash_table_unref (builder.heights);

  if (!ok)
    {
      g_clear_pointer (&builder.root, _ak_yaml_node_free);
      return NULL;
    }

  return builder.root;
}

/**
 * _ak_yaml_mapping_get:
 * @mapping: a mapping node
 * @key: a key
 *
 * Returns: (transfer none) (nullable): the value of the last @key in
 *   @mapping, as PyYAML (and so openstacksdk) reads a repeated key
 */
AkYamlNode *
_ak_yaml_mapping_get (AkYamlNode *mapping,
                      const char *key)
{
  g_assert (mapping != NULL);
  g_assert (mapping->kind == AK_YAML_MAPPING);

  for (guint i = mapping->children->len; i >= 2; i -= 2)
    {
      AkYamlNode *k = mapping->children->pdata[i - 2];

      if (k->kind == AK_YAML_SCALAR && g_strcmp0 (k->text, key) == 0)
        return mapping->children->pdata[i - 1];
    }

  return NULL;
}

/* "~", "null", or nothing at all, written plain. */
gboolean
_ak_yaml_node_is_null (AkYamlNode *node)
{
  if (node == NULL)
    return TRUE;

  return node->kind == AK_YAML_SCALAR && node->plain &&
         (*node->text == '\0' || g_str_equal (node->text, "~") ||
          g_ascii_strcasecmp (node->text, "null") == 0);
}
