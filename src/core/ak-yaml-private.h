/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A YAML document read with libyaml into a small tree, within limits that
 * hostile input cannot get past: the size of the text, how deep it nests,
 * and how many nodes it makes, aliases included (each alias is a copy, so a
 * "billion laughs" file runs out of nodes long before it runs out of
 * memory). Scalars are wiped when the tree is freed: they may be passwords.
 * Merge keys ("<<: *base") are applied as PyYAML does, one level deep. */

#define AK_YAML_MAX_SIZE   (1024 * 1024)
#define AK_YAML_MAX_DEPTH  64
#define AK_YAML_MAX_NODES  100000

typedef enum
{
  AK_YAML_SCALAR,
  AK_YAML_SEQUENCE,
  AK_YAML_MAPPING,
} AkYamlKind;

typedef struct _AkYamlNode AkYamlNode;

struct _AkYamlNode
{
  AkYamlKind  kind;
  /* Where the node starts, counted from 1. */
  guint       line;
  /* A scalar: its text, and whether it was written plain (unquoted), which
   * is what makes "~" or "null" mean nothing. */
  char       *text;
  gboolean    plain;
  /* A sequence: its items; a mapping: key, value, key, value… */
  GPtrArray  *children;
};

/* Why a document was refused, for the error's detail; never its text. */
typedef struct
{
  guint       line;
  const char *reason;
} AkYamlProblem;

AkYamlNode *_ak_yaml_parse           (const char    *text,
                                      gsize          len,
                                      AkYamlProblem *problem);
void        _ak_yaml_node_free       (AkYamlNode    *node);
AkYamlNode *_ak_yaml_mapping_get     (AkYamlNode    *mapping,
                                      const char    *key);
gboolean    _ak_yaml_node_is_null    (AkYamlNode    *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AkYamlNode, _ak_yaml_node_free)

G_END_DECLS
