/* load-xmp.c - properties of one namespace from an XMP packet (a draft's
 * record, read back by `reportc notes`), with libxml2 as the loader uses it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "arena.h"
#include "load.h"

/* Property i's value, when node is the property (element form) or
 * carries it as an attribute (the short form some writers use). */
static void collect(xmlNode *node, const char *ns, const char *const *names, size_t n,
		    char **values, int depth)
{
	for (; node && depth <= LOAD_MAX_DEPTH; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (values[i])
				continue;
			if (node->ns && node->ns->href && strcmp((const char *)node->ns->href, ns) == 0 &&
			    strcmp((const char *)node->name, names[i]) == 0) {
				xmlChar *text = xmlNodeGetContent(node);
				values[i] = xstrdup(text ? (const char *)text : "");
				xmlFree(text);
			}
			for (xmlAttr *a = node->properties; a && !values[i]; a = a->next)
				if (a->ns && a->ns->href && strcmp((const char *)a->ns->href, ns) == 0 &&
				    strcmp((const char *)a->name, names[i]) == 0) {
					xmlChar *text = xmlNodeGetContent((xmlNode *)a);
					values[i] = xstrdup(text ? (const char *)text : "");
					xmlFree(text);
				}
		}
		collect(node->children, ns, names, n, values, depth + 1);
	}
}

bool load_xmp_values(const char *xmp, size_t len, const char *ns, const char *const *names,
		     size_t n, char **values)
{
	for (size_t i = 0; i < n; i++)
		values[i] = NULL;
	/* As for the data files: bounded, and no DOCTYPE, so no entity. */
	if (len > LOAD_MAX_FILE_BYTES || len > (size_t)INT32_MAX)
		return false;
	for (size_t i = 0; i + 9 <= len; i++)
		if (memcmp(xmp + i, "<!DOCTYPE", 9) == 0)
			return false;
	xmlDoc *doc = xmlReadMemory(xmp, (int)len, NULL, "UTF-8",
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return false;
	collect(xmlDocGetRootElement(doc), ns, names, n, values, 0);
	xmlFreeDoc(doc);
	return true;
}
